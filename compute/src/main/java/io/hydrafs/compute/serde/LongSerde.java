package io.hydrafs.compute.serde;

import io.hydrafs.protocol.error.Invariants;

/**
 * Longs as 8 big-endian bytes with the sign bit flipped. Flipping maps
 * {@code Long.MIN_VALUE..Long.MAX_VALUE} onto {@code 0x00..00..0xff..ff} monotonically, so
 * unsigned byte order of the encoding is numeric order and keys sort without decoding.
 */
public final class LongSerde implements Serde<Long> {
    public static final LongSerde INSTANCE = new LongSerde();

    private LongSerde() {
    }

    @Override
    public byte[] toBytes(Long value) {
        long v = value ^ Long.MIN_VALUE;
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    @Override
    public Long fromBytes(byte[] bytes, int offset, int length) {
        Invariants.check(length == 8, "a long is 8 bytes, got %d", length);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[offset + i] & 0xff);
        }
        return v ^ Long.MIN_VALUE;
    }
}
