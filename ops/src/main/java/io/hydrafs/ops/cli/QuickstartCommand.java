package io.hydrafs.ops.cli;

import io.hydrafs.ops.bench.Scale;
import io.hydrafs.ops.local.LocalClusterOptions;
import io.hydrafs.ops.local.NodeCommand;
import io.hydrafs.ops.quickstart.Quickstart;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code hydra quickstart}: the command-line edge of {@link Quickstart}. Exit code 0 only if
 * every check passed (namespace read back as written, every file read back as written, also
 * with a blockstore down and after the leader's crash, every benchmark workload ok, no
 * acknowledged create lost and no failed call across the leader's crash).
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Starts a local cluster (3 meta nodes, 3 blockstores), writes and checks a small namespace, writes files "
                    + "through the data path and reads them back (also with a blockstore killed), runs the metadata "
                    + "benchmark, kills the meta leader under load and shows what happened, then stops the cluster.",
            "%nAbout a minute at --scale 1/16. A stopped cluster in DIR is replaced; a running one is refused. "
                    + "Exit code 0 only if every check passed.%n"
        })
final class QuickstartCommand implements Callable<Integer> {
    @Mixin
    ClusterDirOption dir;

    @Option(names = "--scale", paramLabel = "1|1/16", defaultValue = "1/16",
            description = "Size of the metadata benchmark. Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--keep", description = "Leave the cluster running at the end ('hydra cluster stop' stops it).")
    boolean keep;

    @Option(names = "--files", paramLabel = "N", defaultValue = "" + Quickstart.DEFAULT_TOUR_FILES,
            description = "Files per directory of the namespace tour (3 directories). Default: ${DEFAULT-VALUE}.")
    int tourFiles;

    @Option(names = "--blockstores", paramLabel = "N", defaultValue = "" + Quickstart.DEFAULT_BLOCKSTORES,
            description = "Blockstore processes (2 to 16: one of them is killed while the files are read). "
                    + "Default: ${DEFAULT-VALUE}.")
    int blockstores;

    @Option(names = "--writers", defaultValue = "4", description = "Writer threads of the failover drill. Default: ${DEFAULT-VALUE}.")
    int writers;

    @Option(names = "--kill-after", paramLabel = "MS", defaultValue = "2000",
            description = "Milliseconds of writes before the leader is killed. Default: ${DEFAULT-VALUE}.")
    long killAfterMs;

    @Option(names = "--write-after", paramLabel = "MS", defaultValue = "3000",
            description = "Milliseconds of writes after they resumed on the new leader. Default: ${DEFAULT-VALUE}.")
    long writeAfterMs;

    @Option(names = "--jvm-opts", paramLabel = "FLAGS", defaultValue = NodeCommand.QUICK_JVM_FLAGS,
            description = "JVM flags of each node, space-separated. Default: ${DEFAULT-VALUE}.")
    String jvmOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scale benchScale;
        try {
            benchScale = Scale.parse(scale);
        } catch (HydraException e) {
            throw new ParameterException(spec.commandLine(), e.detail());
        }
        if (writers < 1 || writers > 64 || killAfterMs < 0 || writeAfterMs < 0
                || tourFiles < Quickstart.MIN_TOUR_FILES || tourFiles > 100_000
                || blockstores < Quickstart.MIN_BLOCKSTORES || blockstores > LocalClusterOptions.MAX_BLOCKSTORES) {
            throw new ParameterException(spec.commandLine(), "--writers must be in [1, 64], --files in ["
                    + Quickstart.MIN_TOUR_FILES + ", 100000], --blockstores in [" + Quickstart.MIN_BLOCKSTORES + ", "
                    + LocalClusterOptions.MAX_BLOCKSTORES + "], --kill-after and --write-after not negative");
        }
        CommandLine cli = spec.commandLine();
        Quickstart.Options options = new Quickstart.Options(dir.dir, benchScale, keep, tourFiles, 3, blockstores, writers,
                Duration.ofMillis(killAfterMs), Duration.ofMillis(writeAfterMs), NodeCommand.splitFlags(jvmOptions));
        boolean passed = new Quickstart(cli.getOut(), cli.getErr()).run(options);
        return passed ? HydraCli.EXIT_OK : HydraCli.EXIT_FAILED;
    }
}
