package io.hydrafs.ops.bench;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.examples.Sort;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.job.JobSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The MapReduce workloads of WORKLOADS.md, done as the HDFS peer does them so the figures compare:
 * the GenData input ({@link GenDataInput}) made in a local file and stored in HydraFS with 128 MiB
 * blocks (untimed: {@code upload_seconds}); the clock runs from building the job (sort's sampling
 * included) until it has succeeded and committed; 2 reducers; the output is then checked against
 * the local input, untimed ({@link MrVerify}). The coreutils floor on the same local file goes
 * beside it when asked ({@link CoreutilsFloor}). One JSON line per workload, its {@code mode}
 * saying whether the job ran on the cluster's workers or in this JVM.
 */
public final class MrBench {
    static final int REDUCERS = 2;
    private static final long BLOCK_SIZE = 128L << 20;
    private static final int COPY_BYTES = 1 << 20;
    private static final long FLOOR_TIMEOUT_SECONDS = 1_800;

    private final HydraFileSystem fs;
    private final MrJobRunner runner;
    private final PrintWriter results;
    private final PrintWriter progress;

    public MrBench(HydraFileSystem fs, MrJobRunner runner, PrintWriter results, PrintWriter progress) {
        this.fs = fs;
        this.runner = runner;
        this.results = results;
        this.progress = progress;
    }

    /** Runs the workloads under {@code base}/mr; returns whether every one passed. */
    public boolean run(Scale scale, String base, Set<MrWorkload> workloads, boolean floor) throws IOException {
        int mib = scale.of(MrWorkload.FULL_INPUT_MIB);
        String dir = base + "/mr";
        boolean allPassed = true;
        Path local = Files.createTempDirectory("hydra-mr-bench-");
        try {
            fs.delete(dir, true);
            for (MrWorkload w : workloads) {
                JsonLine line = new JsonLine().put("workload", w.label()).put("system", MetaBench.SYSTEM)
                        .put("scale", scale.label()).put("ops", mib);
                try {
                    runOne(w, mib, dir, local, floor, line);
                } catch (Exception e) {
                    line.put("ok", false).put("error", String.valueOf(e.getMessage()));
                    allPassed = false;
                }
                results.println(line);
                results.flush();
            }
            fs.delete(dir, true);
        } finally {
            deleteTree(local);
        }
        return allPassed;
    }

    private void runOne(MrWorkload w, int mib, String dir, Path local, boolean floor, JsonLine line) throws Exception {
        Path input = local.resolve(w.input().name().toLowerCase() + "-" + mib);
        if (!Files.exists(input)) {
            say("generating " + mib + " MiB of GenData " + w.input().name().toLowerCase() + " in " + input);
            GenDataInput.write(w.input(), mib, input);
        }
        String stored = dir + "/" + w.input().name().toLowerCase();
        String output = dir + "/" + w.label().substring(3) + "-out";
        double upload = fs.exists(stored) ? 0 : upload(input, stored);
        say("running " + w.label() + " (" + runner.mode() + ") on " + stored);
        long t0 = System.nanoTime();
        JobSpec spec = w == MrWorkload.WORDCOUNT ? WordCount.spec(stored, output, REDUCERS, Map.of())
                : Sort.spec(fs, stored, output, REDUCERS, Map.of());
        MrJobRunner.Outcome outcome = runner.run(spec);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long bytes = Files.size(input);
        line.put("seconds", seconds).put("rate", bytes / 1048576.0 / seconds).put("unit", "MiB/s")
                .put("mib", bytes / 1048576.0).put("mode", runner.mode()).put("upload_seconds", upload)
                .put("maps", outcome.maps()).put("reduces", outcome.reduces());
        String error = w == MrWorkload.WORDCOUNT ? verifyWordCount(input, output, line) : verifySort(input, output, line);
        if (floor) {
            Path scratch = Files.createDirectories(local.resolve("floor"));
            CoreutilsFloor.Result f = CoreutilsFloor.run(w, input, scratch, FLOOR_TIMEOUT_SECONDS);
            if (f.ok()) {
                line.put("floor_seconds", f.seconds()).put("floor_rate", bytes / 1048576.0 / f.seconds());
            } else {
                line.put("floor_error", f.error());
            }
            line.put("floor_cmd", f.command());
            deleteTree(scratch);
        }
        line.put("ok", error == null);
        if (error != null) {
            line.put("error", error);
        }
        fs.delete(output, true);
    }

    private String verifyWordCount(Path input, String output, JsonLine line) throws IOException {
        Map<String, Long> got = MrVerify.readCounts(openParts(output));
        line.put("distinct_words", got.size());
        return MrVerify.compareCounts(MrVerify.countWords(input), got);
    }

    private String verifySort(Path input, String output, JsonLine line) throws IOException {
        MrVerify.RecordDigest expected = MrVerify.digest(List.of(Files.newInputStream(input)), GenDataInput.RECORD_BYTES);
        MrVerify.RecordDigest got = MrVerify.digest(openParts(output), GenDataInput.RECORD_BYTES);
        line.put("records", got.count);
        return got.checkSortedPermutationOf(expected);
    }

    /** The part files of {@code output}, in name order (part-r-00000 first), opened. */
    private List<InputStream> openParts(String output) throws IOException {
        List<String> parts = fs.listStatus(output).stream().map(FileStatus::path)
                .filter(p -> p.substring(p.lastIndexOf('/') + 1).startsWith("part-")).sorted().toList();
        List<InputStream> streams = new ArrayList<>();
        for (String p : parts) {
            streams.add(fs.open(p));
        }
        return streams;
    }

    private double upload(Path input, String target) throws IOException {
        long t0 = System.nanoTime();
        CreateOptions options = CreateOptions.builder().overwrite(true).blockSizeBytes(BLOCK_SIZE).createParent(true)
                .build();
        try (InputStream in = Files.newInputStream(input); OutputStream out = fs.create(target, options)) {
            byte[] buf = new byte[COPY_BYTES];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (fs.getFileStatus(target).length() != Files.size(input)) {
            throw new IOException("stored " + target + " has another length than " + input);
        }
        return seconds;
    }

    private void say(String text) {
        progress.println("hydra bench: " + text);
        progress.flush();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
