package io.hydrafs.compute.shuffle;

import java.io.IOException;

/**
 * A segment could not be fetched: the output is unknown or gone on that worker, the worker
 * is unreachable or stalled, or the bytes arrived short or corrupt. The message names the
 * location and partition; the coordinator decides whether to re-run the map (the output is
 * lost) or retry the fetch ({@link #outputMissing()} tells the first case apart).
 */
public final class ShuffleFetchException extends IOException {
    private final MapOutputLocation location;
    private final int partition;
    private final boolean outputMissing;

    ShuffleFetchException(MapOutputLocation location, int partition, String problem, boolean outputMissing,
                          Throwable cause) {
        super("cannot fetch partition " + partition + " of " + location + ": " + problem, cause);
        this.location = location;
        this.partition = partition;
        this.outputMissing = outputMissing;
    }

    public MapOutputLocation location() {
        return location;
    }

    public int partition() {
        return partition;
    }

    /** True when the server answered that it does not have this output (HTTP 404). */
    public boolean outputMissing() {
        return outputMissing;
    }
}
