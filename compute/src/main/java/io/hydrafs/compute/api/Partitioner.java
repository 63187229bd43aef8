package io.hydrafs.compute.api;

/**
 * Chooses the reduce task of a map output record from its serialised key. Working on the
 * serialised form keeps the choice identical in every JVM (no {@code Object.hashCode} of
 * arrays) and lets range partitioners compare with the job's raw key comparator.
 * Must be deterministic and return a value in {@code [0, numPartitions)}.
 */
@FunctionalInterface
public interface Partitioner {

    int partition(byte[] key, int numPartitions);
}
