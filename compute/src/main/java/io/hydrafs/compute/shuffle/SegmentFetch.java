package io.hydrafs.compute.shuffle;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One requested fetch: what to get, where to put it, and the future the caller holds. The
 * future completes exactly once (later outcomes are ignored), with the segment's length or a
 * {@link ShuffleFetchException} naming the location.
 */
final class SegmentFetch {
    final MapOutputLocation location;
    final int partition;
    final Path target;
    final CompletableFuture<Long> result = new CompletableFuture<>();

    SegmentFetch(MapOutputLocation location, int partition, Path target) {
        this.location = location;
        this.partition = partition;
        this.target = target;
    }

    SegmentRequest request() {
        return SegmentRequest.of(location, partition);
    }

    boolean isDone() {
        return result.isDone();
    }

    void succeed(long bytes) {
        result.complete(bytes);
    }

    void fail(String problem, boolean outputMissing, Throwable cause) {
        result.completeExceptionally(new ShuffleFetchException(location, partition, problem, outputMissing, cause));
    }
}
