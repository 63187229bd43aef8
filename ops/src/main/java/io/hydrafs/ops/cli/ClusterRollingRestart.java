package io.hydrafs.ops.cli;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.admin.AdminClient;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.ops.local.NodeCommand;
import io.hydrafs.ops.roll.RollingRestart;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code hydra cluster rolling-restart}: every node of the local cluster restarted in turn, clients unaffected. */
@Command(name = "rolling-restart", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Restarts every node of the running local cluster, one at a time, while clients keep working: meta "
                    + "followers first, then the leader (its leadership moved to a follower first), each waited for "
                    + "until it has caught up; then each blockstore, waited for until the leader holds its block report.",
            "%nPrints one line per node. Stops at the first step that does not finish within --timeout.%n"
        })
final class ClusterRollingRestart implements Callable<Integer> {
    @Mixin
    ClusterDirOption dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Longest wait for each step (a node to stop, start and catch up). Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Option(names = "--jvm-opts", paramLabel = "FLAGS",
            description = "JVM flags of the restarted nodes, space-separated. Default: those the cluster was "
                    + "started with (" + NodeCommand.DEFAULT_JVM_FLAGS + " if it did not record them).")
    String jvmOptions;

    @Option(names = "--user", paramLabel = "NAME",
            description = "The superuser of the cluster, for its admin calls. Default: the login name.")
    String user;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws HydraException {
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalProcessCluster cluster = jvmOptions == null ? LocalProcessCluster.attach(dir.dir)
                : LocalProcessCluster.attach(dir.dir, NodeCommand.splitFlags(jvmOptions));
        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions()
                .user(user != null ? user : System.getProperty("user.name", "hydra")).build())) {
            long startNs = System.nanoTime();
            new RollingRestart(cluster, new AdminClient(fs.meta()), Duration.ofSeconds(timeoutSeconds), line -> {
                out.println(line);
                out.flush();
            }).run();
            out.printf("rolling restart done: %d meta nodes and %d blockstores in %.1f s%n", cluster.size(),
                    cluster.blockstoreCount(), (System.nanoTime() - startNs) / 1e9);
            out.flush();
            return HydraCli.EXIT_OK;
        } finally {
            cluster.detach();
        }
    }
}
