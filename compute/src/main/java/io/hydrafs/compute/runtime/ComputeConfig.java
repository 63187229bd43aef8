package io.hydrafs.compute.runtime;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.nio.file.Path;
import java.util.Map;

/**
 * The runtime's settings, read from a job's configuration map with typed defaults and
 * validated before anything runs (a bad value is INVALID_ARGUMENT naming the key).
 *
 * @param sortBufferBytes memory budget of one map task's sort buffer ({@value #SORT_BUFFER_BYTES})
 * @param mapThreads      map tasks run at once by the local runner ({@value #LOCAL_MAP_THREADS})
 * @param maxAttempts     attempts per task before the job fails ({@value #TASK_MAX_ATTEMPTS})
 * @param localDir        where map outputs and spills live while the job runs ({@value #LOCAL_DIR})
 */
public record ComputeConfig(long sortBufferBytes, int mapThreads, int maxAttempts, Path localDir) {
    public static final String SORT_BUFFER_BYTES = "hydra.compute.sort.buffer.bytes";
    public static final String LOCAL_MAP_THREADS = "hydra.compute.local.map.threads";
    public static final String TASK_MAX_ATTEMPTS = "hydra.compute.task.max.attempts";
    public static final String LOCAL_DIR = "hydra.compute.local.dir";

    static final long DEFAULT_SORT_BUFFER_BYTES = 16L * 1024 * 1024;
    static final int DEFAULT_MAP_THREADS = 2;
    static final int DEFAULT_MAX_ATTEMPTS = 4;

    public static ComputeConfig from(Map<String, String> config) throws HydraException {
        long buffer = number(config, SORT_BUFFER_BYTES, DEFAULT_SORT_BUFFER_BYTES, 1024, 1L << 30);
        int threads = (int) number(config, LOCAL_MAP_THREADS, DEFAULT_MAP_THREADS, 1, 64);
        int attempts = (int) number(config, TASK_MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS, 1, 100);
        Path dir = Path.of(config.getOrDefault(LOCAL_DIR, System.getProperty("java.io.tmpdir")));
        return new ComputeConfig(buffer, threads, attempts, dir);
    }

    private static long number(Map<String, String> config, String key, long dflt, long min, long max)
            throws HydraException {
        String raw = config.get(key);
        if (raw == null) {
            return dflt;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, key + " must be a number, got '" + raw + "'");
        }
        if (v < min || v > max) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, key + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }
}
