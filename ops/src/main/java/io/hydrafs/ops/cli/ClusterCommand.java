package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.LocalClusterOptions;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.ops.local.NodeCommand;
import io.hydrafs.ops.local.NodeStatus;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hydra cluster start|status|stop}: a local cluster whose meta nodes are processes on
 * this machine ({@link LocalProcessCluster}), for trying HydraFS out and for process-level
 * tests. Each invocation finds the cluster through its directory, so {@code start} returns
 * while the nodes keep running, and any later {@code status} or {@code stop} reaches them.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start, inspect and stop a local cluster: meta nodes as processes on this machine.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class})
final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code hydra cluster} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return HydraCli.EXIT_USAGE;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Starts meta nodes in the background and returns once every node answers and a leader serves.",
                "%nA new cluster needs an empty or new directory. A stopped cluster found in DIR restarts with its "
                        + "namespace, on its ports, unless --fresh. Each node logs to DIR/<node>/node.log.%n"
            })
    static final class Start implements Callable<Integer> {
        @Mixin
        ClusterDirOption dir;

        @Option(names = "--meta", paramLabel = "N",
                description = "Number of meta nodes (3 or 5). Default: 3, or the size of the stopped cluster in DIR.")
        Integer metaNodes;

        @Option(names = "--fresh", description = "Delete a stopped cluster in DIR (its namespace too) and start a new one.")
        boolean fresh;

        @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "0",
                description = "Node i serves clients on PORT+10i and Raft on PORT+10i+1 (9870 as in conf/hydra.properties). "
                        + "Default: free ports.")
        int basePort;

        @Option(names = "--jvm-opts", paramLabel = "FLAGS", defaultValue = NodeCommand.DEFAULT_JVM_FLAGS,
                description = "JVM flags of each node, space-separated. Default: ${DEFAULT-VALUE}.")
        String jvmOptions;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
                description = "Longest wait for the nodes to be ready. Default: ${DEFAULT-VALUE}.")
        int timeoutSeconds;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "A node setting for every node (repeatable), e.g. --set hydra.meta.snapshot.threshold.entries=50000.")
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws HydraException {
            LocalClusterOptions.Builder builder = LocalClusterOptions.builder(dir.dir)
                    .metaNodes(metaNodes == null ? LocalClusterOptions.SAME_AS_BEFORE : metaNodes)
                    .fresh(fresh)
                    .basePort(basePort)
                    .jvmOptions(NodeCommand.splitFlags(jvmOptions))
                    .readyTimeout(Duration.ofSeconds(timeoutSeconds));
            settings.forEach(builder::config);
            LocalClusterOptions options = builder.build();
            if (timeoutSeconds < 1 || (metaNodes != null && metaNodes < 1)) {
                throw new ParameterException(spec.commandLine(), "--meta and --timeout must be at least 1");
            }
            try {
                options.validate();
            } catch (HydraException e) {
                throw new ParameterException(spec.commandLine(), e.detail());
            }
            LocalProcessCluster cluster = LocalProcessCluster.start(options);
            List<NodeStatus> status = cluster.status();
            cluster.detach();
            PrintWriter out = spec.commandLine().getOut();
            String hint = dir.flagForHints();
            out.println(ClusterStatusView.summary(cluster.dir(), status));
            out.println("meta addresses: " + String.join(",", cluster.metaAddresses()));
            out.println("node logs:      " + cluster.layout().logHint());
            out.println("next:           hydra bench meta.all --scale 1/16" + (hint.isEmpty() ? " --dir " + dir.dir : hint));
            out.println("                hydra cluster status" + hint);
            out.println("                hydra cluster stop" + hint);
            out.flush();
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows each meta node of the local cluster: pid, Raft role, term, applied index. "
                    + "Exit code 1 if no node runs.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ClusterDirOption dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws HydraException {
            LocalProcessCluster cluster = LocalProcessCluster.attach(dir.dir);
            List<NodeStatus> status;
            try {
                status = cluster.status();
            } finally {
                cluster.detach();
            }
            PrintWriter out = spec.commandLine().getOut();
            ClusterStatusView.lines(cluster.dir(), status).forEach(out::println);
            out.flush();
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops every meta node of the local cluster (SIGTERM, SIGKILL after 15 s). The data stays: "
                    + "'hydra cluster start' restarts the same cluster.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        ClusterDirOption dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws HydraException {
            LocalProcessCluster cluster = LocalProcessCluster.attach(dir.dir);
            long running = cluster.allPids().size();
            cluster.close();
            PrintWriter out = spec.commandLine().getOut();
            out.println("stopped " + running + " meta node" + (running == 1 ? "" : "s") + " in " + cluster.dir()
                    + "; the data stays ('hydra cluster start" + dir.flagForHints() + "' restarts it, add --fresh "
                    + "for a new cluster)");
            out.flush();
            return HydraCli.EXIT_OK;
        }
    }
}
