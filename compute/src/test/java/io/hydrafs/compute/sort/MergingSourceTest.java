package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergingSourceTest {
    /** A record remembers where it came from in its value: (source, position in source). */
    private record Origin(int source, int position) {
    }

    private static RecordSource listSource(List<RawRecord> records, boolean[] closed, int index) {
        Iterator<RawRecord> it = records.iterator();
        return new RecordSource() {
            @Override
            public RawRecord next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
                closed[index] = true;
            }
        };
    }

    private static Origin origin(RawRecord r) {
        return new Origin(r.value()[0], ((r.value()[1] & 0xff) << 8) | (r.value()[2] & 0xff));
    }

    /** Keys of 0 to 11 bytes drawn from few values: equal 8-byte prefixes, zero padding ties, prefixes of keys. */
    private static byte[] awkwardKey(Random random) {
        byte[] key = new byte[random.nextInt(12)];
        for (int j = 0; j < key.length; j++) {
            key[j] = new byte[] {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff}[random.nextInt(5)];
        }
        return key;
    }

    @Test
    void mergeIsSortedAndStableAcrossManySourcesWithDuplicateKeys() throws IOException {
        assertMergesLikeAStableSort(random -> new byte[] {(byte) random.nextInt(256), (byte) random.nextInt(4)},
                KeyComparator.UNSIGNED_BYTES);
    }

    @Test
    void keysThatTieOnTheirFirstEightBytesOrOnPaddingStillMergeInByteOrder() throws IOException {
        assertMergesLikeAStableSort(MergingSourceTest::awkwardKey, KeyComparator.UNSIGNED_BYTES);
    }

    @Test
    void aCustomComparatorAloneDecidesTheMergeOrder() throws IOException {
        KeyComparator reversed = (a, ao, al, b, bo, bl) -> Arrays.compareUnsigned(b, bo, bo + bl, a, ao, ao + al);
        assertMergesLikeAStableSort(MergingSourceTest::awkwardKey, reversed);
    }

    private static void assertMergesLikeAStableSort(Function<Random, byte[]> keys, KeyComparator comparator)
            throws IOException {
        Random random = new Random(3);
        int sources = 37;
        List<List<RawRecord>> inputs = new ArrayList<>();
        List<RawRecord> all = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            int n = s % 5 == 0 ? 0 : random.nextInt(400);  // some sources are empty
            List<RawRecord> records = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] key = keys.apply(random);
                records.add(new RawRecord(key, new byte[] {(byte) s, (byte) (i >> 8), (byte) i}));
            }
            records.sort((a, b) -> comparator.compare(a.key(), b.key()));  // List.sort is stable
            inputs.add(records);
            all.addAll(records);
        }
        boolean[] closed = new boolean[sources];
        List<RecordSource> open = new ArrayList<>();
        for (int s = 0; s < sources; s++) {
            open.add(listSource(inputs.get(s), closed, s));
        }
        List<RawRecord> merged = new ArrayList<>();
        try (MergingSource m = new MergingSource(open, comparator)) {
            for (RawRecord r = m.next(); r != null; r = m.next()) {
                merged.add(r);
            }
            assertNull(m.next(), "an exhausted merge stays exhausted");
        }
        // expected: every record ordered by key, then by source, then by position in its source
        List<RawRecord> expected = new ArrayList<>(all);
        expected.sort(Comparator.<RawRecord, byte[]>comparing(RawRecord::key, comparator::compare)
                .thenComparing(r -> origin(r).source())
                .thenComparing(r -> origin(r).position()));
        assertEquals(expected.size(), merged.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(origin(expected.get(i)), origin(merged.get(i)), "record " + i);
        }
        for (boolean c : closed) {
            assertTrue(c, "closing the merge closes every source");
        }
    }

    @Test
    void noSourcesMergeToNothing() throws IOException {
        try (MergingSource m = new MergingSource(List.of(), KeyComparator.UNSIGNED_BYTES)) {
            assertNull(m.next());
        }
    }
}
