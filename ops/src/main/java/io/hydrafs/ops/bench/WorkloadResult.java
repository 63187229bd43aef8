package io.hydrafs.ops.bench;

import java.util.Objects;

/**
 * The outcome of one workload, rendered as the one JSON line WORKLOADS.md asks for, with the
 * HDFS peer's field names ({@code workload, system, scale, ops, seconds, rate, unit, ok,
 * error}, plus {@code calls} for meta.list) and our extras ({@code p50_ms, p99_ms, warmup,
 * errors}).
 *
 * <p>Three shapes: passed (a measurement, ok); measured but a check after the clock failed (a
 * measurement, not ok, an error, as the peer reports a wrong count); not measured (an op failed
 * so the clock's figure means nothing, or the workload could not start: no measurement, the
 * error, and how many ops failed).
 *
 * @param measurement null when there is no meaningful figure
 * @param error       null iff the workload passed
 * @param failedOps   ops that threw during the timed run
 */
public record WorkloadResult(MetaWorkload workload, Measurement measurement, String error, long failedOps) {

    /**
     * What the clock measured. {@code ops} is what {@code rate} counts: ops, files, or for
     * meta.list entries; {@code calls} is the number of calls when that differs (meta.list),
     * else 0.
     */
    public record Measurement(long ops, long elapsedNanos, long calls, Latencies latencies) {
        public double seconds() {
            return elapsedNanos / 1e9;
        }

        public double rate() {
            return elapsedNanos > 0 ? ops / seconds() : 0;
        }
    }

    public WorkloadResult {
        Objects.requireNonNull(workload);
    }

    static WorkloadResult passed(MetaWorkload w, Measurement m) {
        return new WorkloadResult(w, Objects.requireNonNull(m), null, 0);
    }

    static WorkloadResult checkFailed(MetaWorkload w, Measurement m, String error) {
        return new WorkloadResult(w, Objects.requireNonNull(m), Objects.requireNonNull(error), 0);
    }

    static WorkloadResult notMeasured(MetaWorkload w, String error, long failedOps) {
        return new WorkloadResult(w, null, Objects.requireNonNull(error), failedOps);
    }

    public boolean ok() {
        return error == null;
    }

    /** The JSON line for this result of a run at {@code scale}, with or without a warm-up round first. */
    public String toJson(String system, Scale scale, boolean warmedUp) {
        JsonLine j = new JsonLine()
                .put("workload", workload.label())
                .put("system", system)
                .put("scale", scale.label());
        if (measurement != null) {
            j.put("ops", measurement.ops())
                    .put("seconds", measurement.seconds())
                    .put("rate", measurement.rate())
                    .put("unit", workload.unit());
            if (measurement.calls() > 0) {
                j.put("calls", measurement.calls());
            }
            j.put("p50_ms", measurement.latencies().percentileMillis(50))
                    .put("p99_ms", measurement.latencies().percentileMillis(99));
        }
        j.put("warmup", warmedUp);
        if (failedOps > 0) {
            j.put("errors", failedOps);
        }
        j.put("ok", ok());
        if (!ok()) {
            j.put("error", error);
        }
        return j.toString();
    }
}
