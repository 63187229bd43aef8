package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.BlockstoreStatus;
import io.hydrafs.ops.local.ComputeNodeStatus;
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
import java.util.stream.IntStream;

/**
 * {@code hydra cluster start|status|stop}: a local cluster whose meta nodes and blockstores are
 * processes on this machine ({@link LocalProcessCluster}), for trying HydraFS out and for process-level
 * tests. Each invocation finds the cluster through its directory, so {@code start} returns
 * while the nodes keep running, and any later {@code status} or {@code stop} reaches them.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start, inspect and stop a local cluster: meta nodes and blockstores as processes on this machine.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Status.class, ClusterCommand.Stop.class,
                ClusterRollingRestart.class})
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
                "Starts meta nodes, then blockstores, in the background and returns once every meta node answers, "
                        + "a leader serves and the leader counts every blockstore live.",
                "%nA new cluster needs an empty or new directory. A stopped cluster found in DIR restarts with its "
                        + "namespace and replicas, on its ports, unless --fresh. Each node logs to DIR/<node>/node.log.%n"
            })
    static final class Start implements Callable<Integer> {
        @Mixin
        ClusterDirOption dir;

        @Option(names = "--meta", paramLabel = "N",
                description = "Number of meta nodes (3 or 5). Default: 3, or the size of the stopped cluster in DIR.")
        Integer metaNodes;

        @Option(names = "--blockstores", paramLabel = "N",
                description = "Number of blockstores (0 to 16; 0: metadata only). Default: 3, or as many as the stopped "
                        + "cluster in DIR has.")
        Integer blockstores;

        @Option(names = "--workers", paramLabel = "N",
                description = "MapReduce workers (0 to 16), with a job coordinator; worker i is co-located with blockstore i. "
                        + "Default: as many as the stopped cluster in DIR had, else 0 (no coordinator either).")
        Integer workers;

        @Option(names = "--fresh", description = "Delete a stopped cluster in DIR (its namespace too) and start a new one.")
        boolean fresh;

        @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "0",
                description = "Meta node i serves clients on PORT+10i and Raft on PORT+10i+1 (9870 as in conf/hydra.properties), "
                        + "blockstore i data on PORT+10i+2. Default: free ports.")
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
                    .blockstores(blockstores == null ? LocalClusterOptions.SAME_BLOCKSTORES_AS_BEFORE : blockstores)
                    .workers(workers == null ? LocalClusterOptions.SAME_WORKERS_AS_BEFORE : workers)
                    .fresh(fresh)
                    .basePort(basePort)
                    .jvmOptions(NodeCommand.splitFlags(jvmOptions))
                    .readyTimeout(Duration.ofSeconds(timeoutSeconds));
            settings.forEach(builder::config);
            LocalClusterOptions options = builder.build();
            if (timeoutSeconds < 1 || (metaNodes != null && metaNodes < 1)) {
                throw new ParameterException(spec.commandLine(), "--meta and --timeout must be at least 1");
            }
            if (workers != null && workers < 0) {
                throw new ParameterException(spec.commandLine(), "--workers must be 0 to "
                        + LocalClusterOptions.MAX_WORKERS + ", got " + workers);
            }
            if (blockstores != null && blockstores < 0) {
                throw new ParameterException(spec.commandLine(), "--blockstores must be 0 to "
                        + LocalClusterOptions.MAX_BLOCKSTORES + ", got " + blockstores);
            }
            try {
                options.validate();
            } catch (HydraException e) {
                throw new ParameterException(spec.commandLine(), e.detail());
            }
            LocalProcessCluster cluster = LocalProcessCluster.start(options);
            List<NodeStatus> status = cluster.status();
            List<BlockstoreStatus> stores = cluster.blockstoreStatus();
            List<ComputeNodeStatus> compute = cluster.computeStatus();
            cluster.detach();
            PrintWriter out = spec.commandLine().getOut();
            String hint = dir.flagForHints();
            out.println(ClusterStatusView.summary(cluster.dir(), status, stores));
            ClusterStatusView.computeSummary(compute).ifPresent(out::println);
            out.println("meta addresses: " + String.join(",", cluster.metaAddresses()));
            cluster.coordinatorAddress().ifPresent(a -> out.println("coordinators:   " + a
                    + " (hydra job submit wordcount IN OUT" + (hint.isEmpty() ? "" : hint) + ")"));
            out.println("node logs:      " + cluster.layout().logHint());
            out.println("next:           hydra bench meta.all --scale 1/16" + (hint.isEmpty() ? " --dir " + dir.dir : hint));
            out.println("                hydra cluster status" + hint);
            out.println("                hydra cluster stop" + hint);
            out.flush();
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows each meta node of the local cluster (pid, Raft role, term, applied index), each "
                    + "blockstore (data address, pid, running or not), the leader's count of live and dead blockstores "
                    + "and each node's status HTTP address (/metrics, /health; / on meta nodes). "
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
            List<BlockstoreStatus> stores;
            List<ComputeNodeStatus> compute;
            try {
                status = cluster.status();
                stores = cluster.blockstoreStatus();
                compute = cluster.computeStatus();
            } finally {
                cluster.detach();
            }
            PrintWriter out = spec.commandLine().getOut();
            ClusterStatusView.lines(cluster.dir(), status, stores, compute, cluster.httpPorts()).forEach(out::println);
            out.flush();
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = "Stops the MapReduce workers and coordinator, then every blockstore, then every meta node of the local cluster (SIGTERM, SIGKILL after 15 s). "
                    + "The data stays: "
                    + "'hydra cluster start' restarts the same cluster.")
    static final class Stop implements Callable<Integer> {
        @Mixin
        ClusterDirOption dir;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws HydraException {
            LocalProcessCluster cluster = LocalProcessCluster.attach(dir.dir);
            long metaRunning = IntStream.range(0, cluster.size()).filter(cluster::isAlive).count();
            long storesRunning = cluster.blockstoreStatus().stream().filter(BlockstoreStatus::alive).count();
            long computeRunning = cluster.computeStatus().stream().filter(ComputeNodeStatus::alive).count();
            cluster.close();
            PrintWriter out = spec.commandLine().getOut();
            out.println("stopped " + (computeRunning > 0 ? ClusterStatusView.count(computeRunning, "compute node") + ", "
                    : "") + ClusterStatusView.count(metaRunning, "meta node") + " and "
                    + ClusterStatusView.count(storesRunning, "blockstore") + " in " + cluster.dir()
                    + "; the data stays ('hydra cluster start" + dir.flagForHints() + "' restarts it, add --fresh "
                    + "for a new cluster)");
            out.flush();
            return HydraCli.EXIT_OK;
        }
    }
}
