package io.hydrafs.compute.sort;

import io.hydrafs.compute.api.Partitioner;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.compute.serde.Serde;
import io.hydrafs.protocol.error.Invariants;

import java.util.function.Supplier;

/**
 * How a job's map output is partitioned, encoded, ordered and combined.
 *
 * @param combiner makes a fresh combiner per use, or null for none
 */
public record MapOutputSpec<K, V>(int partitions, Partitioner partitioner, Serde<K> keySerde, Serde<V> valueSerde,
                                  KeyComparator comparator, Supplier<? extends Reducer<K, V, K, V>> combiner) {

    public MapOutputSpec {
        Invariants.check(partitions >= 1, "at least one partition");
        Invariants.check(partitioner != null && keySerde != null && valueSerde != null && comparator != null,
                "map output spec incomplete");
    }
}
