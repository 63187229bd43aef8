package io.hydrafs.ops.cli;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.local.RunningCluster;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every {@code hydra fs} verb shares: which cluster ({@code --meta} addresses, or
 * the local cluster running in {@code --dir}, by default {@value ClusterDirOption#DEFAULT_DIR})
 * and as which user.
 */
final class FsClusterOptions {
    @Option(names = "--meta", split = ",", paramLabel = "host:port",
            description = "Meta nodes' client endpoints, comma-separated. Default: the local cluster of --dir.")
    List<String> metaAddresses = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Instead of --meta: the local cluster running in DIR (see 'hydra cluster start'). "
                    + "Default: " + ClusterDirOption.DEFAULT_DIR + ".")
    Path clusterDir;

    @Option(names = "--user", paramLabel = "NAME",
            description = "The user to act as; relative paths start in /user/NAME. Default: the login name.")
    String user;

    /** The user calls are made as. */
    String user() {
        return user != null ? user : System.getProperty("user.name", "hydra");
    }

    /** A file system client for the chosen cluster; a cluster dir with no running cluster fails (NOT_READY). */
    HydraFileSystem connect(CommandSpec spec) throws HydraException {
        if (!metaAddresses.isEmpty() && clusterDir != null) {
            throw new ParameterException(spec.commandLine(), "--meta and --dir are alternatives: give one of them");
        }
        if (user != null && user.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--user needs a name");
        }
        List<String> addresses = !metaAddresses.isEmpty() ? metaAddresses
                : RunningCluster.metaAddresses(clusterDir != null ? clusterDir
                : Path.of(ClusterDirOption.DEFAULT_DIR));
        return HydraFileSystem.connect(ClientOptions.builder().metaAddresses(addresses).user(user()).build());
    }
}
