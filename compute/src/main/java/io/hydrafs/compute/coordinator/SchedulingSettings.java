package io.hydrafs.compute.coordinator;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.Map;

/**
 * How the coordinator schedules one job, read from the job's configuration at submit (a bad
 * value is INVALID_ARGUMENT naming the key, and the job is refused).
 *
 * @param maxAttempts           failed attempts of one task before the job fails ({@value #MAX_ATTEMPTS})
 * @param reduceSlowstart       fraction of maps that must have succeeded before reduces start ({@value #SLOWSTART})
 * @param localityWaitMs        how long a pending map waits for a worker holding its data ({@value #LOCALITY_WAIT_MS})
 * @param speculative           whether slow attempts get a copy ({@value #SPECULATIVE})
 * @param speculativeSlowdown   an attempt is slow when it runs this many times the median of finished tasks
 * @param speculativeMinRuntimeMs and at least this long
 * @param fetchFailuresToRerun  distinct reduces that must fail to fetch a map output before the map runs again
 *                              (fewer when fewer reduces run)
 */
public record SchedulingSettings(int maxAttempts, double reduceSlowstart, long localityWaitMs, boolean speculative,
                                 double speculativeSlowdown, long speculativeMinRuntimeMs, int fetchFailuresToRerun) {
    public static final String MAX_ATTEMPTS = "hydra.compute.task.max.attempts";
    public static final String SLOWSTART = "hydra.compute.reduce.slowstart";
    public static final String LOCALITY_WAIT_MS = "hydra.compute.locality.wait.ms";
    public static final String SPECULATIVE = "hydra.compute.speculative";
    public static final String SPECULATIVE_SLOWDOWN = "hydra.compute.speculative.slowdown";
    public static final String SPECULATIVE_MIN_RUNTIME_MS = "hydra.compute.speculative.min.runtime.ms";
    public static final String FETCH_FAILURES_TO_RERUN = "hydra.compute.shuffle.fetch.failures.to.rerun";

    /** Reduces start early, as Hadoop's do (its slow start is 0.05 too): they shuffle while maps run. */
    public static SchedulingSettings defaults() {
        return new SchedulingSettings(4, 0.05, 1_000, true, 2.0, 1_000, 2);
    }

    public static SchedulingSettings from(Map<String, String> config) throws HydraException {
        SchedulingSettings d = defaults();
        return new SchedulingSettings(
                (int) number(config, MAX_ATTEMPTS, d.maxAttempts, 1, 100),
                fraction(config, SLOWSTART, d.reduceSlowstart, 0, 1),
                number(config, LOCALITY_WAIT_MS, d.localityWaitMs, 0, 600_000),
                bool(config, SPECULATIVE, d.speculative),
                fraction(config, SPECULATIVE_SLOWDOWN, d.speculativeSlowdown, 1, 1000),
                number(config, SPECULATIVE_MIN_RUNTIME_MS, d.speculativeMinRuntimeMs, 0, 86_400_000),
                (int) number(config, FETCH_FAILURES_TO_RERUN, d.fetchFailuresToRerun, 1, 100));
    }

    private static long number(Map<String, String> config, String key, long dflt, long min, long max)
            throws HydraException {
        String raw = config.get(key);
        if (raw == null) {
            return dflt;
        }
        try {
            return check(key, raw, Long.parseLong(raw.trim()), min, max);
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a number in [" + min + ", " + max + "]");
        }
    }

    private static double fraction(Map<String, String> config, String key, double dflt, double min, double max)
            throws HydraException {
        String raw = config.get(key);
        if (raw == null) {
            return dflt;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (!(v >= min && v <= max)) {
                throw invalid(key, raw, "a number in [" + min + ", " + max + "]");
            }
            return v;
        } catch (NumberFormatException e) {
            throw invalid(key, raw, "a number in [" + min + ", " + max + "]");
        }
    }

    private static boolean bool(Map<String, String> config, String key, boolean dflt) throws HydraException {
        String raw = config.get(key);
        if (raw == null) {
            return dflt;
        }
        if (raw.trim().equalsIgnoreCase("true") || raw.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw.trim());
        }
        throw invalid(key, raw, "true or false");
    }

    private static long check(String key, String raw, long v, long min, long max) throws HydraException {
        if (v < min || v > max) {
            throw invalid(key, raw, "a number in [" + min + ", " + max + "]");
        }
        return v;
    }

    private static HydraException invalid(String key, String raw, String what) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, key + " must be " + what + ", got '" + raw + "'");
    }
}
