package io.hydrafs.ops.bench;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * One benchmark run: connects through the factory, clears the base directory so a rerun starts
 * from the same empty namespace, optionally warms the JVMs with an untimed round of every
 * metadata workload under the warm-up directory (removed afterwards), then runs the chosen
 * workloads in {@link MetaWorkload} order and prints one JSON line per workload to
 * {@code results} as soon as it is known. Human progress goes to {@code progress}; nothing
 * but result lines is ever written to {@code results}.
 *
 * <p>Every chosen workload gets exactly one line, also when it fails: if the warm-up round
 * fails, each gets an ok:false line naming that failure, since its figure would not be a warm
 * one. Only failing to connect or to clear the base directory ends the run without lines
 * (the exception propagates).
 */
public final class MetaBench {
    public static final String SYSTEM = "hydrafs";

    private final MetaBenchTargetFactory factory;
    private final PrintWriter results;
    private final PrintWriter progress;

    public MetaBench(MetaBenchTargetFactory factory, PrintWriter results, PrintWriter progress) {
        this.factory = factory;
        this.results = results;
        this.progress = progress;
    }

    /** Runs the workloads; returns whether every one passed. */
    @SuppressWarnings("try") // see MetaBenchTarget: close() may throw any exception
    public boolean run(BenchOptions options, Set<MetaWorkload> workloads) throws Exception {
        options.validate();
        Set<MetaWorkload> ordered = workloads.isEmpty() ? EnumSet.noneOf(MetaWorkload.class) : EnumSet.copyOf(workloads);
        try (MetaBenchTarget fs = factory.open(options)) {
            removeIfPresent(fs, options.base());
            String warmupFailure = options.warmup() ? warmUp(fs, options) : null;
            MetaWorkloads timed = new MetaWorkloads(fs, options.base(), options.timedCounts());
            boolean allPassed = true;
            for (MetaWorkload w : ordered) {
                WorkloadResult r;
                if (warmupFailure != null) {
                    r = WorkloadResult.notMeasured(w, warmupFailure, 0);
                } else {
                    say("running " + w.label() + " at " + options.scale() + " under " + options.base());
                    r = timed.run(w);
                }
                String line = r.toJson(SYSTEM, options.scale(), options.warmup());
                results.println(line);
                results.flush();
                allPassed &= r.ok();
            }
            return allPassed;
        }
    }

    /** Null when the warm-up round passed and was cleaned up, else what went wrong. */
    private String warmUp(MetaBenchTarget fs, BenchOptions options) throws InterruptedException {
        MetaCounts counts = options.warmupCounts();
        say("warm-up round: every metadata workload, " + counts.threads() + " threads x "
                + counts.filesPerThread() + " files, under " + options.warmupBase() + " (untimed)");
        long t0 = System.nanoTime();
        try {
            removeIfPresent(fs, options.warmupBase());
            MetaWorkloads round = new MetaWorkloads(fs, options.warmupBase(), counts);
            for (MetaWorkload w : MetaWorkload.values()) {
                WorkloadResult r = round.run(w);
                if (!r.ok()) {
                    return "warm-up round failed at " + w.label() + ": " + r.error() + " (--no-warmup skips it)";
                }
            }
            fs.deleteRecursive(options.warmupBase());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return "warm-up round failed: " + e + " (--no-warmup skips it)";
        }
        say(String.format(Locale.ROOT, "warm-up round took %.3f s", (System.nanoTime() - t0) / 1e9));
        return null;
    }

    /** Deletes a leftover directory of an earlier run, if there is one. */
    private static void removeIfPresent(MetaBenchTarget fs, String dir) throws Exception {
        fs.deleteRecursive(dir);
    }

    private void say(String line) {
        progress.println("hydra bench: " + line);
        progress.flush();
    }
}
