package io.hydrafs.ops.quickstart;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.bench.BenchOptions;
import io.hydrafs.ops.bench.MetaBench;
import io.hydrafs.ops.bench.MetaCounts;
import io.hydrafs.ops.bench.MetaWorkload;
import io.hydrafs.ops.bench.Scale;
import io.hydrafs.ops.bench.SdkBenchTarget;
import io.hydrafs.ops.local.BlockstoreStatus;
import io.hydrafs.ops.local.LocalClusterOptions;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.ops.local.NodeStatus;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code hydra quickstart}: the one-minute tour of HydraFS for a newcomer. It starts a 3-node
 * metadata cluster and 3 blockstores as separate processes, writes and checks a small
 * namespace, writes a set of files through the data path and reads them back (again with a
 * blockstore killed), runs the metadata benchmark, kills the meta leader under a write load and
 * shows that nothing acknowledged was lost and the files still read back, then stops the
 * cluster (or leaves it running with {@code keep}).
 *
 * <p>The story goes to {@code out} in plain words, with the benchmark's JSON lines in it;
 * the benchmark's progress goes to {@code err}. {@link #run} answers whether every check
 * passed; a step that cannot run at all (the cluster does not start) throws.
 */
public final class Quickstart {
    public static final int DEFAULT_TOUR_FILES = NamespaceTour.DEFAULT_FILES_PER_DIR;
    public static final int MIN_TOUR_FILES = NamespaceTour.RENAMED_PER_DIR + 1;
    /** Where the drill writes; the tours use /quickstart/tour and /quickstart/files, the benchmark /bench and /warmup. */
    static final String FAILOVER_BASE = "/quickstart/failover";
    public static final int DEFAULT_BLOCKSTORES = 3;
    /** The file-set tour kills one blockstore and reads on: every block needs a second replica. */
    public static final int MIN_BLOCKSTORES = 2;
    private static final int STEPS = 6;

    /**
     * @param dir              the cluster directory; a stopped cluster in it is replaced
     * @param scale            of the metadata benchmark (1/16 in about 20 s on 2 cores)
     * @param keep             leave the cluster running at the end
     * @param tourFiles        files per directory of the namespace tour (100)
     * @param metaNodes        size of the group (3)
     * @param blockstores      blockstore processes (3); the file set's blocks get min(3, blockstores)
     *                         replicas, and at least 2 let its reads survive a blockstore's crash
     * @param writers          writer threads of the failover drill
     * @param beforeKill       writes before the leader is killed
     * @param afterResume      writes after they resumed on the new leader
     * @param jvmOptions       JVM flags of each node
     */
    public record Options(Path dir, Scale scale, boolean keep, int tourFiles, int metaNodes, int blockstores, int writers,
                          Duration beforeKill, Duration afterResume, List<String> jvmOptions) {
        public Options {
            jvmOptions = List.copyOf(jvmOptions);
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final long t0 = System.nanoTime();
    private int step;

    public Quickstart(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public boolean run(Options options) throws Exception {
        List<String> failures = new ArrayList<>();
        say("HydraFS quickstart: a " + options.metaNodes() + "-node metadata cluster (Raft over RocksDB) and "
                + options.blockstores() + " blockstores, each node a process on this machine, in "
                + options.dir().toAbsolutePath().normalize());

        step("starting " + options.metaNodes() + " meta nodes and " + options.blockstores() + " blockstores");
        long started = System.nanoTime();
        LocalProcessCluster cluster = LocalProcessCluster.start(LocalClusterOptions.builder(options.dir())
                .metaNodes(options.metaNodes())
                .blockstores(options.blockstores())
                .fresh(true)
                .jvmOptions(options.jvmOptions())
                .build());
        boolean passed = false;
        try {
            List<NodeStatus> status = cluster.status();
            for (NodeStatus n : status) {
                detail(String.format(Locale.ROOT, "%-3s %-21s pid %-7d %s", n.id(), n.address(), n.pid(), n.role()));
            }
            for (BlockstoreStatus b : cluster.blockstoreStatus()) {
                detail(String.format(Locale.ROOT, "%-3s %-21s pid %-7d blockstore (data port)", b.id(), b.dataAddress(),
                        b.pid()));
            }
            Optional<NodeStatus> leader = NodeStatus.leader(status);
            detail("ready in " + elapsedSince(started) + "; leader " + leader.map(NodeStatus::id).orElse("?")
                    + ", which counts " + leader.map(NodeStatus::liveBlockstores).orElse(0) + " blockstores live; "
                    + "node logs: " + cluster.layout().logHint());

            try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
                step("a small namespace through the client SDK");
                List<String> problems = new NamespaceTour(fs, out, options.tourFiles()).run();
                if (!problems.isEmpty()) {
                    failures.add("the namespace read back differs from what was written (" + problems.get(0) + ")");
                }

                int replication = Math.min(3, options.blockstores());
                FileSet set = FileSet.quickstart(FileSetTour.BASE);
                step("a file set through the data path: " + set.size() + " files in blocks of "
                        + (set.blockSizeBytes() >> 20) + " MiB with " + replication + " replicas, read back, and read "
                        + "again with a blockstore killed");
                FileSetTour files = new FileSetTour(fs, set, replication, out);
                List<String> fileProblems = files.run(new ClusterBlockstores(cluster));
                if (!fileProblems.isEmpty()) {
                    failures.add("the file set is not what was written (" + fileProblems.get(0) + ")");
                }

                step("metadata benchmark at scale " + options.scale() + ", after an untimed warm-up round "
                        + "(one JSON line per workload; fields in ops/README.md)");
                if (!benchmark(cluster, options.scale())) {
                    failures.add("a benchmark workload printed ok:false");
                }

                step("failover: " + options.writers() + " writers create files in a loop; after "
                        + FailoverReport.seconds(options.beforeKill()) + " the leader is killed with SIGKILL");
                FailoverDrill drill = new FailoverDrill(cluster, options.writers(), options.beforeKill(),
                        options.afterResume());
                FailoverReport report = drill.run(fs, FAILOVER_BASE);
                report.lines().forEach(this::detail);
                if (!report.ok()) {
                    failures.add("the failover drill lost or failed writes");
                }
                List<String> afterCrash = files.readBack(" with " + cluster.nodeId(drill.killedIndex())
                        + " (the old leader) down");
                if (!afterCrash.isEmpty()) {
                    failures.add("after the leader's crash, the file set is not what was written (" + afterCrash.get(0)
                            + ")");
                }
                detail(drill.rejoin());
            }
            passed = failures.isEmpty();
        } finally {
            if (options.keep()) {
                step("leaving the cluster running (--keep)");
                cluster.detach();
                String dirFlag = " --dir " + cluster.dir();
                detail("hydra cluster status" + dirFlag);
                detail("hydra bench meta.all --scale 1/16" + dirFlag);
                detail("hydra cluster stop" + dirFlag);
            } else {
                step("stopping the cluster");
                cluster.close();
                detail("stopped; its data and logs stay in " + cluster.dir() + " until the next quickstart");
            }
        }
        say(passed ? "quickstart passed in " + elapsedSince(t0)
                : "quickstart FAILED in " + elapsedSince(t0) + ": " + String.join("; ", failures));
        return passed;
    }

    private boolean benchmark(LocalProcessCluster cluster, Scale scale) throws Exception {
        BenchOptions bench = new BenchOptions(cluster.metaAddresses(), scale, MetaCounts.DEFAULT_THREADS,
                BenchOptions.DEFAULT_BASE, true, Scale.SIXTEENTH, BenchOptions.DEFAULT_WARMUP_BASE);
        boolean ok = new MetaBench(SdkBenchTarget::open, out, err).run(bench, EnumSet.allOf(MetaWorkload.class));
        out.flush();
        return ok;
    }

    private void step(String what) {
        say(String.format(Locale.ROOT, "[%d/%d] %s", ++step, STEPS, what));
    }

    private void detail(String line) {
        out.println("      " + line);
        out.flush();
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    private static String elapsedSince(long nanos) {
        return FailoverReport.seconds(Duration.ofNanos(System.nanoTime() - nanos));
    }
}
