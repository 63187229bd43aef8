package io.hydrafs.ops.bench;

/**
 * The sizes of the metadata workloads at one scale (WORKLOADS.md, full scale in brackets):
 * {@code filesPerThread} creates, mkdirs and deletes [2,500], {@code statsPerThread} [12,500],
 * {@code listCalls} [200], {@code renamesPerThread} [1,000], over {@code threads} [8] threads.
 */
public record MetaCounts(int threads, int filesPerThread, int statsPerThread, int listCalls, int renamesPerThread) {
    public static final int DEFAULT_THREADS = 8;

    public MetaCounts {
        if (threads < 1 || filesPerThread < 1 || statsPerThread < 1 || listCalls < 1 || renamesPerThread < 1) {
            throw new IllegalArgumentException("every count must be >= 1");
        }
        if (renamesPerThread > filesPerThread) {
            throw new IllegalArgumentException("cannot rename more files than a thread created");
        }
    }

    public static MetaCounts of(Scale scale, int threads) {
        return new MetaCounts(threads, scale.of(2500), scale.of(12500), scale.of(200), scale.of(1000));
    }

    /** Files created by meta.create over all threads (also dirs made by meta.mkdir, files removed by meta.delete). */
    public long totalFiles() {
        return (long) threads * filesPerThread;
    }
}
