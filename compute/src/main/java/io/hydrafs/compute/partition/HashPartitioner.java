package io.hydrafs.compute.partition;

import io.hydrafs.compute.api.Partitioner;

import java.util.Arrays;

/** The default: a hash of the serialised key, the same in every JVM, modulo the reducers. */
public final class HashPartitioner implements Partitioner {
    public static final HashPartitioner INSTANCE = new HashPartitioner();

    @Override
    public int partition(byte[] key, int numPartitions) {
        return (Arrays.hashCode(key) & Integer.MAX_VALUE) % numPartitions;
    }
}
