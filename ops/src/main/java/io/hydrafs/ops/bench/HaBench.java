package io.hydrafs.ops.bench;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.local.LocalProcessCluster;

import java.io.PrintWriter;
import java.util.Set;

/**
 * Runs the HA workloads ({@link HaWorkload}) against a local cluster whose meta node processes
 * this run may kill, stop and start, and prints one JSON line per workload as soon as it is
 * known, in the format of the other workloads. Without such a cluster (endpoints only, as with
 * {@code --meta}) every chosen workload still gets its line: ok:false with
 * {@link HaWorkload#NEEDS_PROCESSES}.
 *
 * <p>Each workload leaves every meta node running, also when it fails half-way, so a later
 * workload (or the caller's stop) finds the cluster as it was.
 */
public final class HaBench {
    private final LocalProcessCluster cluster;
    private final PrintWriter results;
    private final PrintWriter progress;

    /** @param cluster the cluster to act on, or null when the run knows only endpoints */
    public HaBench(LocalProcessCluster cluster, PrintWriter results, PrintWriter progress) {
        this.cluster = cluster;
        this.results = results;
        this.progress = progress;
    }

    /** Runs the workloads under {@code base}; returns whether every one passed. */
    public boolean run(Scale scale, String base, Set<HaWorkload> workloads) throws Exception {
        boolean allPassed = true;
        if (cluster == null) {
            for (HaWorkload w : workloads) {
                print(header(w, scale).put("ok", false).put("error", HaWorkload.NEEDS_PROCESSES));
            }
            return workloads.isEmpty();
        }
        try (HydraFileSystem fs = HydraFileSystem.connect(cluster.clientOptions().build())) {
            for (HaWorkload w : workloads) {
                JsonLine line = header(w, scale);
                String error;
                try {
                    say("running " + w.label() + " at " + scale + " on the cluster in " + cluster.dir());
                    error = switch (w) {
                        case FAILOVER -> new HaFailover(cluster, fs, this::say)
                                .run(base + "/ha-failover", HaFailover.Plan.forScale(scale), line);
                        case RESTART -> new HaRestart(cluster, fs, this::say).run(RestartFiles.of(base, scale), line);
                    };
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    error = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                }
                line.put("ok", error == null);
                if (error != null) {
                    line.put("error", error);
                }
                print(line);
                allPassed &= error == null;
            }
        }
        return allPassed;
    }

    private static JsonLine header(HaWorkload w, Scale scale) {
        return new JsonLine().put("workload", w.label()).put("system", MetaBench.SYSTEM).put("scale", scale.label());
    }

    private void print(JsonLine line) {
        results.println(line);
        results.flush();
    }

    private void say(String text) {
        progress.println("hydra bench: " + text);
        progress.flush();
    }
}
