package io.hydrafs.ops.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --dir} option of every verb that works on a local cluster: where its files are.
 * The default is relative to the working directory, so a repository checkout keeps its cluster
 * in {@code .hydra/} (ignored by git), beside the code it runs.
 */
final class ClusterDirOption {
    static final String DEFAULT_DIR = ".hydra/cluster";

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
            description = "Cluster directory: configuration, node data, logs, pids. Default: ${DEFAULT-VALUE}.")
    Path dir;

    /** " --dir DIR" to repeat in hints, or "" when the default is in use. */
    String flagForHints() {
        return dir.equals(Path.of(DEFAULT_DIR)) ? "" : " --dir " + dir;
    }
}
