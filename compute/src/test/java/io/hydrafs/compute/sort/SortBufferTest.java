package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SortBufferTest {
    private static final int PARTITIONS = 3;
    /** So many partitions that (partition, prefix, index) cannot share a long: the merge sort path. */
    private static final int TOO_MANY_PARTITIONS = 1 << 20;

    /** One added record and its arrival number (the value), to check order and stability. */
    private record Added(int partition, byte[] key, int arrival) {
    }

    private static List<Added> randomRecords(Random random, int n, int partitions) {
        List<Added> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // short keys, few distinct bytes (0x00 and 0xff included): many prefix ties and prefix-of cases
            byte[] key = new byte[random.nextInt(7)];
            for (int j = 0; j < key.length; j++) {
                key[j] = new byte[]{0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff}[random.nextInt(5)];
            }
            records.add(new Added(random.nextInt(Math.min(partitions, 7)) * (partitions / Math.min(partitions, 7)), key, i));
        }
        return records;
    }

    private static List<int[]> sortedArrivals(SortBuffer buffer, int partitions) throws IOException {
        buffer.sort(partitions);
        List<int[]> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            RecordSource s = buffer.sortedPartition(p);
            for (RawRecord r = s.next(); r != null; r = s.next()) {
                out.add(new int[]{p, java.nio.ByteBuffer.wrap(r.value()).getInt()});
            }
        }
        return out;
    }

    private static void assertSortsLikeAStableSort(KeyComparator comparator, int partitions) throws IOException {
        List<Added> records = randomRecords(new Random(11), 5000, partitions);
        SortBuffer buffer = new SortBuffer(1 << 20, comparator);
        for (Added a : records) {
            buffer.add(a.partition, a.key, java.nio.ByteBuffer.allocate(4).putInt(a.arrival).array());
        }
        List<Added> expected = new ArrayList<>(records);
        expected.sort(Comparator.comparingInt(Added::partition).thenComparing(Added::key, comparator::compare));

        List<int[]> actual = sortedArrivals(buffer, partitions);

        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(new int[]{expected.get(i).partition, expected.get(i).arrival}, actual.get(i), "at " + i);
        }
    }

    @Test
    void sortsByPartitionThenUnsignedKeyBytesKeepingArrivalOrderAmongEqualKeys() throws IOException {
        assertSortsLikeAStableSort(KeyComparator.UNSIGNED_BYTES, PARTITIONS);
    }

    @Test
    void theMergeSortPathSortsTheSameWhenPartitionPrefixAndIndexDoNotFitALong() throws IOException {
        assertSortsLikeAStableSort(KeyComparator.UNSIGNED_BYTES, TOO_MANY_PARTITIONS);
    }

    @Test
    void aCustomComparatorDecidesTheOrderAloneWithoutTheBytePrefix() throws IOException {
        KeyComparator reversed = (a, ao, al, b, bo, bl) -> Arrays.compareUnsigned(b, bo, bo + bl, a, ao, ao + al);
        assertSortsLikeAStableSort(reversed, PARTITIONS);
        assertSortsLikeAStableSort(reversed, TOO_MANY_PARTITIONS);
    }
}
