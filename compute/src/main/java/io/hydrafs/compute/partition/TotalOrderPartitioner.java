package io.hydrafs.compute.partition;

import io.hydrafs.compute.api.Partitioner;
import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.protocol.error.Invariants;

import java.util.ArrayList;
import java.util.List;

/**
 * Range partitioning for a total order across reducers: partition {@code i} takes the keys in
 * {@code [splitPoints[i-1], splitPoints[i])}, so concatenating the reducers' sorted outputs in
 * order is sorted. The split points come from a sample of the keys ({@link #fromSample}), which
 * balances partitions as well as the sample represents the input.
 */
public final class TotalOrderPartitioner implements Partitioner {
    private final List<byte[]> splitPoints;
    private final KeyComparator comparator;

    /** {@code splitPoints}: partitions - 1 keys in non-decreasing order. */
    public TotalOrderPartitioner(List<byte[]> splitPoints, KeyComparator comparator) {
        for (int i = 1; i < splitPoints.size(); i++) {
            Invariants.check(comparator.compare(splitPoints.get(i - 1), splitPoints.get(i)) <= 0,
                    "split points must be sorted");
        }
        this.splitPoints = List.copyOf(splitPoints);
        this.comparator = comparator;
    }

    /**
     * Chooses {@code partitions - 1} split points at even quantiles of {@code sample}.
     * With fewer sampled keys than partitions some partitions stay empty, which is correct.
     */
    public static TotalOrderPartitioner fromSample(List<byte[]> sample, int partitions, KeyComparator comparator) {
        Invariants.check(partitions >= 1, "at least one partition");
        List<byte[]> sorted = new ArrayList<>(sample);
        sorted.sort(comparator::compare);
        List<byte[]> points = new ArrayList<>();
        if (!sorted.isEmpty()) {
            for (int i = 1; i < partitions; i++) {
                points.add(sorted.get((int) ((long) i * sorted.size() / partitions)));
            }
        }
        return new TotalOrderPartitioner(points, comparator);
    }

    public List<byte[]> splitPoints() {
        return splitPoints;
    }

    @Override
    public int partition(byte[] key, int numPartitions) {
        Invariants.check(splitPoints.isEmpty() || numPartitions == splitPoints.size() + 1,
                "%d split points for %d partitions", splitPoints.size(), numPartitions);
        // the number of split points <= key is the partition: binary search for it
        int lo = 0;
        int hi = splitPoints.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (comparator.compare(splitPoints.get(mid), key) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
