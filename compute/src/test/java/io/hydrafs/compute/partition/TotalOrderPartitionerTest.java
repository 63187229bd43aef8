package io.hydrafs.compute.partition;

import io.hydrafs.compute.serde.KeyComparator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotalOrderPartitionerTest {

    private static byte[] key(int b) {
        return new byte[]{(byte) b};
    }

    @Test
    void keysGoToTheRangeBetweenSplitPointsAndAPointStartsItsRange() {
        TotalOrderPartitioner p = new TotalOrderPartitioner(List.of(key(10), key(0x90)), KeyComparator.UNSIGNED_BYTES);
        assertEquals(0, p.partition(key(0), 3));
        assertEquals(0, p.partition(key(9), 3));
        assertEquals(1, p.partition(key(10), 3));
        assertEquals(1, p.partition(key(0x7f), 3));
        assertEquals(2, p.partition(key(0x90), 3));
        assertEquals(2, p.partition(key(0xff), 3));
    }

    @Test
    void splitPointsFromAUniformSampleBalanceThePartitions() {
        List<byte[]> sample = new ArrayList<>();
        for (int i = 255; i >= 0; i--) {
            sample.add(key(i));
        }
        TotalOrderPartitioner p = TotalOrderPartitioner.fromSample(sample, 4, KeyComparator.UNSIGNED_BYTES);
        int[] sizes = new int[4];
        for (int i = 0; i < 256; i++) {
            sizes[p.partition(key(i), 4)]++;
        }
        for (int size : sizes) {
            assertTrue(size == 64, "partition sizes " + java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void partitionsAreMonotoneInTheKey() {
        TotalOrderPartitioner p = TotalOrderPartitioner.fromSample(List.of(key(3), key(200), key(77), key(77)), 3,
                KeyComparator.UNSIGNED_BYTES);
        int last = 0;
        for (int i = 0; i < 256; i++) {
            int part = p.partition(key(i), 3);
            assertTrue(part >= last);
            last = part;
        }
    }
}
