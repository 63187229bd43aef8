package io.hydrafs.compute.serde;

import java.util.Arrays;

/** Byte arrays as themselves (copied, so callers may reuse their buffers); unsigned byte order. */
public final class BytesSerde implements Serde<byte[]> {
    public static final BytesSerde INSTANCE = new BytesSerde();

    private BytesSerde() {
    }

    @Override
    public byte[] toBytes(byte[] value) {
        return value.clone();
    }

    @Override
    public byte[] fromBytes(byte[] bytes, int offset, int length) {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }
}
