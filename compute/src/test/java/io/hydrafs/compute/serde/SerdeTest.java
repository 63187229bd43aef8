package io.hydrafs.compute.serde;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SerdeTest {

    @Test
    void longsRoundTripIncludingExtremes() {
        for (long v : new long[]{Long.MIN_VALUE, -1, 0, 1, 255, 256, Long.MAX_VALUE}) {
            assertEquals(v, LongSerde.INSTANCE.fromBytes(LongSerde.INSTANCE.toBytes(v)));
        }
    }

    @Test
    void longByteOrderIsNumericOrder() {
        Random random = new Random(42);
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE));
        for (int i = 0; i < 2000; i++) {
            values.add(i % 2 == 0 ? random.nextLong() : (long) random.nextInt(1000) - 500);
        }
        List<Long> byBytes = new ArrayList<>(values);
        KeyComparator cmp = LongSerde.INSTANCE.keyComparator();
        byBytes.sort((a, b) -> cmp.compare(LongSerde.INSTANCE.toBytes(a), LongSerde.INSTANCE.toBytes(b)));
        List<Long> numeric = new ArrayList<>(values);
        numeric.sort(Comparator.naturalOrder());
        assertEquals(numeric, byBytes);
    }

    @Test
    void textRoundTripsUtf8AndSortsInCodePointOrder() {
        TextSerde text = TextSerde.INSTANCE;
        assertEquals("grüße ☃", text.fromBytes(text.toBytes("grüße ☃")));
        KeyComparator cmp = text.keyComparator();
        // é is 0xC3 0xA9: unsigned order puts it after z; signed byte order would put it first
        assertTrue(cmp.compare(text.toBytes("z"), text.toBytes("é")) < 0);
        assertTrue(cmp.compare(text.toBytes("ab"), text.toBytes("abc")) < 0);
        assertTrue(cmp.compare(text.toBytes("B"), text.toBytes("a")) < 0);
        assertEquals(0, cmp.compare(text.toBytes("same"), text.toBytes("same")));
    }

    @Test
    void bytesAreCopiedAndComparedUnsigned() {
        byte[] original = {1, 2, 3};
        byte[] encoded = BytesSerde.INSTANCE.toBytes(original);
        original[0] = 9;
        assertArrayEquals(new byte[]{1, 2, 3}, BytesSerde.INSTANCE.fromBytes(encoded));
        assertTrue(KeyComparator.UNSIGNED_BYTES.compare(new byte[]{0x7f}, new byte[]{(byte) 0x80}) < 0);
        assertTrue(KeyComparator.UNSIGNED_BYTES.compare(new byte[]{(byte) 0xff}, new byte[]{0, 0}) > 0);
    }

    @Test
    void comparatorHonoursOffsetsAndLengths() {
        byte[] a = {9, 9, 1, 2, 9};
        byte[] b = {1, 2};
        assertEquals(0, KeyComparator.UNSIGNED_BYTES.compare(a, 2, 2, b, 0, 2));
        assertTrue(KeyComparator.UNSIGNED_BYTES.compare(a, 2, 3, b, 0, 2) > 0);
    }
}
