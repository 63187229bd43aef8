package io.hydrafs.ops.cli;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.bench.BenchOptions;
import io.hydrafs.ops.bench.DataBench;
import io.hydrafs.ops.bench.DataWorkload;
import io.hydrafs.ops.bench.HaBench;
import io.hydrafs.ops.bench.HaWorkload;
import io.hydrafs.ops.bench.MetaBench;
import io.hydrafs.ops.bench.MetaBenchTargetFactory;
import io.hydrafs.ops.bench.MetaCounts;
import io.hydrafs.ops.bench.MetaWorkload;
import io.hydrafs.ops.bench.MrBench;
import io.hydrafs.ops.bench.MrJobRunner;
import io.hydrafs.ops.bench.MrWorkload;
import io.hydrafs.ops.bench.Scale;
import io.hydrafs.ops.local.LocalClusterOptions;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.ops.local.RunningCluster;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code hydra bench WORKLOAD...}: the command-line edge of {@link MetaBench}. It turns flags
 * into validated {@link BenchOptions} (invalid ones are usage errors, exit 2) and maps the
 * outcome to the exit code: 0 if every workload printed ok:true, else 1.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs benchmark workloads against a running cluster (or one it starts with --local).",
            "%nRuns the named workloads of WORKLOADS.md and prints one JSON line per workload on stdout; "
                    + "progress goes to stderr. The base directory is deleted first, so reruns start from the "
                    + "same empty namespace. Exit code 0 if every workload printed ok:true, 1 if not, "
                    + "2 for a wrong command line.%n"
        })
final class BenchCommand implements Callable<Integer> {
    private static final Duration MR_JOB_TIMEOUT = Duration.ofHours(2);

    private final MetaBenchTargetFactory targets;

    @Parameters(arity = "1..*", paramLabel = "WORKLOAD",
            description = "meta.create, meta.mkdir, meta.stat, meta.list, meta.rename, meta.delete, or meta.all; "
                    + "data.write, data.read, data.parallel, or data.all; mr.wordcount, mr.sort, or mr.all; "
                    + "ha.failover, ha.restart, or ha.all (these kill and restart meta nodes: --dir or --local only). "
                    + "They run in that order; stat, list, rename and delete first create the files untimed if "
                    + "meta.create is not among them, data.read writes its file untimed if data.write is not.")
    List<String> workloads;

    @Option(names = "--scale", paramLabel = "1|1/16", defaultValue = "1",
            description = "Full size or 1/16 of every count (threads stay). Default: ${DEFAULT-VALUE}.")
    String scale;

    @Option(names = "--meta", split = ",", paramLabel = "host:port",
            description = "Meta nodes' client endpoints, comma-separated. Default: the client's configuration.")
    List<String> metaAddresses = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Instead of --meta: the local cluster running in DIR (see 'hydra cluster start').")
    Path clusterDir;

    @Option(names = "--local", description = "Instead of --meta or --dir: start a local cluster (3 meta nodes, 3 "
            + "blockstores, each a process) in a new temporary directory for this run; stop and delete it afterwards.")
    boolean local;

    @Option(names = "--coordinator", paramLabel = "host:port[,host:port]",
            description = "The job coordinator the mr.* jobs run on. Default: that of the cluster in --dir; "
                    + "without one the jobs run in this JVM (local mode, \"mode\":\"local\").")
    String coordinator;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "0",
            description = "With --local: MapReduce workers (and a coordinator) the temporary cluster runs. "
                    + "Default: ${DEFAULT-VALUE} (mr.* jobs in this JVM).")
    int workers;

    @Option(names = "--no-floor", description = "mr.*: skip the coreutils floor (sort, uniq) on the local input.")
    boolean noFloor;

    @Option(names = "--no-warmup", description = "Skip the untimed warm-up round (the figures are then cold-JVM ones).")
    boolean noWarmup;

    @Option(names = "--warmup-scale", paramLabel = "1|1/16", defaultValue = "1/16",
            description = "Size of the warm-up round, never more than --scale. Default: ${DEFAULT-VALUE}.")
    String warmupScale;

    @Option(names = "--threads", defaultValue = "" + MetaCounts.DEFAULT_THREADS,
            description = "Client threads of the parallel workloads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--base", paramLabel = "DIR", defaultValue = BenchOptions.DEFAULT_BASE,
            description = "Directory the workloads work under; deleted first. Default: ${DEFAULT-VALUE}.")
    String base;

    @Option(names = "--warmup-base", paramLabel = "DIR", defaultValue = BenchOptions.DEFAULT_WARMUP_BASE,
            description = "Directory of the warm-up round; deleted before and after it. Default: ${DEFAULT-VALUE}.")
    String warmupBase;

    @Spec
    CommandSpec spec;

    /** The cluster --local started, whose processes the ha.* workloads act on; null otherwise. */
    private LocalProcessCluster localCluster;

    BenchCommand(MetaBenchTargetFactory targets) {
        this.targets = targets;
    }

    @Override
    public Integer call() throws Exception {
        if (local && (clusterDir != null || !metaAddresses.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--local, --meta and --dir are alternatives: give one of them");
        }
        if (workers != 0 && !local) {
            throw new ParameterException(spec.commandLine(), "--workers goes with --local (a cluster of its own); "
                    + "'hydra cluster start --workers N' gives a running cluster workers");
        }
        if (workers < 0 || workers > LocalClusterOptions.MAX_WORKERS) {
            throw new ParameterException(spec.commandLine(), "--workers must be 0 to " + LocalClusterOptions.MAX_WORKERS);
        }
        if (!local) {
            return run();
        }
        Path dir = Files.createTempDirectory("hydra-bench-");
        PrintWriter err = spec.commandLine().getErr();
        err.println("starting a local cluster (3 meta nodes, 3 blockstores, " + workers + " workers) in " + dir);
        err.flush();
        try (LocalProcessCluster cluster = LocalProcessCluster.start(LocalClusterOptions.builder(dir)
                .metaNodes(3).blockstores(3).workers(workers).build())) {
            metaAddresses = cluster.metaAddresses();
            localCluster = cluster;
            coordinator = cluster.coordinatorAddress().orElse(null);
            return run();
        } finally {
            RunningCluster.deleteDirectory(dir);
            err.println("stopped and deleted the local cluster in " + dir);
            err.flush();
        }
    }

    private Integer run() throws Exception {
        BenchOptions options;
        Set<MetaWorkload> chosen;
        Set<DataWorkload> chosenData;
        Set<MrWorkload> chosenMr;
        Set<HaWorkload> chosenHa;
        if (clusterDir != null) {
            if (!metaAddresses.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--meta and --dir are alternatives: give one of them");
            }
            metaAddresses = RunningCluster.metaAddresses(clusterDir);
            if (coordinator == null) {
                coordinator = RunningCluster.coordinatorAddress(clusterDir).orElse(null);
            }
        }
        try {
            List<String> metaNames = workloads.stream().filter(w -> !DataWorkload.isDataWorkload(w)
                    && !MrWorkload.isMrWorkload(w) && !HaWorkload.isHaWorkload(w)).toList();
            chosenHa = HaWorkload.parse(workloads.stream().filter(HaWorkload::isHaWorkload).toList());
            chosenMr = MrWorkload.parse(workloads.stream().filter(MrWorkload::isMrWorkload).toList());
            chosen = metaNames.isEmpty() ? Set.of() : MetaWorkload.parse(metaNames);
            chosenData = DataWorkload.parse(workloads.stream().filter(DataWorkload::isDataWorkload).toList());
            options = new BenchOptions(metaAddresses, Scale.parse(scale), threads, base,
                    !noWarmup, Scale.parse(warmupScale), warmupBase).validate();
        } catch (HydraException e) {
            throw new ParameterException(spec.commandLine(), e.detail());
        }
        CommandLine cli = spec.commandLine();
        boolean allPassed = true;
        if (!chosen.isEmpty()) {
            allPassed = new MetaBench(targets, cli.getOut(), cli.getErr()).run(options, chosen);
        }
        if (!chosenData.isEmpty()) {
            List<String> meta = options.metaAddresses();
            DataBench data = new DataBench(() -> HydraFileSystem.connect(ClientOptions.builder().metaAddresses(meta)
                    .build()), cli.getOut(), cli.getErr());
            allPassed &= data.run(options.scale(), options.base(), chosenData, options.warmup());
        }
        if (!chosenMr.isEmpty()) {
            try (HydraFileSystem fs = HydraFileSystem.connect(ClientOptions.builder()
                    .metaAddresses(options.metaAddresses()).build())) {
                MrJobRunner runner = coordinator == null ? MrJobRunner.local(fs)
                        : MrJobRunner.distributed(coordinator, MR_JOB_TIMEOUT);
                allPassed &= new MrBench(fs, runner, cli.getOut(), cli.getErr())
                        .run(options.scale(), options.base(), chosenMr, !noFloor);
            }
        }
        if (!chosenHa.isEmpty()) {
            allPassed &= runHa(options, chosenHa);
        }
        return allPassed ? HydraCli.EXIT_OK : HydraCli.EXIT_FAILED;
    }

    /** Last, since they kill and restart meta nodes: on the --local cluster, the one in --dir, or (--meta) none. */
    private boolean runHa(BenchOptions options, Set<HaWorkload> chosen) throws Exception {
        CommandLine cli = spec.commandLine();
        if (localCluster != null || clusterDir == null) {
            return new HaBench(localCluster, cli.getOut(), cli.getErr()).run(options.scale(), options.base(), chosen);
        }
        LocalProcessCluster attached = LocalProcessCluster.attach(clusterDir);
        try {
            return new HaBench(attached, cli.getOut(), cli.getErr()).run(options.scale(), options.base(), chosen);
        } finally {
            attached.detach();
        }
    }
}
