package io.hydrafs.compute.sort;

import java.io.IOException;

/**
 * Map output held in memory between spills, bounded by a byte budget: a plain
 * {@link SortBuffer}, or a {@link CombiningTable} when the job has a combiner. The collector
 * adds records until one is refused, then sorts, spills each partition and clears.
 */
interface MapOutputBuffer {

    /** Takes the record unless the buffer is over its budget; an empty buffer takes any record. */
    boolean add(int partition, byte[] key, byte[] value) throws IOException;

    boolean isEmpty();

    /** Orders what is held by (partition, key); nothing may be added until {@link #clear()}. */
    void sort(int partitions) throws IOException;

    /** Writes one sorted partition through {@code combining}; returns the records written. */
    long spillPartition(int partition, RunWriter out, Combining<?, ?> combining) throws IOException;

    void clear();
}
