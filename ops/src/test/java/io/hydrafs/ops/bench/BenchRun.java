package io.hydrafs.ops.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs {@link MetaBench} against a given target and keeps what it printed: the result lines,
 * parsed (so a malformed line fails the test), and the progress text.
 */
public final class BenchRun {
    /** 8 threads x 2 files, 12 stats, 1 list call, 1 rename per thread: fast, yet every path runs. */
    public static final Scale TINY = new Scale(1000);

    public final boolean allPassed;
    public final List<Map<String, Object>> lines;
    public final String progress;

    private BenchRun(boolean allPassed, List<Map<String, Object>> lines, String progress) {
        this.allPassed = allPassed;
        this.lines = lines;
        this.progress = progress;
    }

    /** The defaults at {@link #TINY} scale, warm-up off. */
    public static BenchOptions tinyOptions() {
        return BenchOptions.defaults().withScale(TINY).withWarmup(false);
    }

    public static BenchRun of(MetaBenchTarget target, BenchOptions options, Set<MetaWorkload> workloads)
            throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        boolean passed = new MetaBench(o -> target, new PrintWriter(out), new PrintWriter(err)).run(options, workloads);
        List<Map<String, Object>> parsed = out.toString().isEmpty() ? List.of()
                : Arrays.stream(out.toString().split("\n")).map(JsonObjects::parse).toList();
        return new BenchRun(passed, parsed, err.toString());
    }

    public Map<String, Object> line(String workload) {
        return lines.stream().filter(l -> workload.equals(l.get("workload"))).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + workload + " in " + lines));
    }
}
