package io.hydrafs.compute.sort;

import io.hydrafs.protocol.error.Invariants;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A run file holding one sorted run per partition, back to back, with the index of where
 * each starts: partition {@code p} is {@code [offsets[p], offsets[p+1])}. This is what a map
 * task leaves for the reducers (and what a spill is, before the final merge).
 */
public record MapOutputFile(Path file, long[] offsets) {

    public MapOutputFile {
        Invariants.check(offsets.length >= 2, "a map output has at least one partition");
        for (int i = 1; i < offsets.length; i++) {
            Invariants.check(offsets[i - 1] <= offsets[i], "partition offsets must not decrease");
        }
    }

    public int partitions() {
        return offsets.length - 1;
    }

    public long segmentBytes(int partition) {
        return offsets[partition + 1] - offsets[partition];
    }

    /** The sorted records of one partition. */
    public RunReader open(int partition) throws IOException {
        return new RunReader(file, offsets[partition], offsets[partition + 1]);
    }
}
