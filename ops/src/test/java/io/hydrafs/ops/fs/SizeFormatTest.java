package io.hydrafs.ops.fs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SizeFormatTest {
    @Test
    void humanSizesAreBytesBelowOneKibibyteThenOneDecimalWithABinaryPrefix() {
        assertEquals("0", SizeFormat.human(0));
        assertEquals("1023", SizeFormat.human(1023));
        assertEquals("1.0 K", SizeFormat.human(1024));
        assertEquals("1.5 K", SizeFormat.human(1536));
        assertEquals("1.0 M", SizeFormat.human(1024 * 1024 - 1), "rounds up into the next prefix, never 1024.0 K");
        assertEquals("3.0 G", SizeFormat.human(3L << 30));
        assertEquals("8.0 E", SizeFormat.human(Long.MAX_VALUE));
    }

    @Test
    void withoutHumanSizesAreExactBytes() {
        assertEquals("1536", SizeFormat.bytes(1536, false));
    }
}
