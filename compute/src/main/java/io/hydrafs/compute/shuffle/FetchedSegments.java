package io.hydrafs.compute.shuffle;

import io.hydrafs.compute.sort.MapOutputFile;
import io.hydrafs.protocol.error.Invariants;

import java.nio.file.Path;

/**
 * Adapts a fetched segment (a run file holding one partition) to the {@link MapOutputFile}
 * view the reduce side reads, so a reduce attempt merges fetched segments exactly as it
 * merges local map outputs: {@code open(partition)} yields the segment's records, every other
 * partition is empty.
 */
public final class FetchedSegments {
    private FetchedSegments() {
    }

    /** {@code file} of {@code bytes} bytes as partition {@code partition} of {@code partitions}. */
    public static MapOutputFile asMapOutput(Path file, long bytes, int partition, int partitions) {
        Invariants.check(partition >= 0 && partition < partitions && bytes >= 0,
                "segment of %d bytes as partition %d of %d", bytes, partition, partitions);
        long[] offsets = new long[partitions + 1];
        for (int p = partition + 1; p <= partitions; p++) {
            offsets[p] = bytes;
        }
        return new MapOutputFile(file, offsets);
    }
}
