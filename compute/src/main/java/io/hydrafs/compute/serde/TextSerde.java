package io.hydrafs.compute.serde;

import java.nio.charset.StandardCharsets;

/**
 * Strings as UTF-8. Unsigned byte order of UTF-8 is code point order, so keys sort as
 * {@code String.compareTo} would for text without surrogate pairs.
 */
public final class TextSerde implements Serde<String> {
    public static final TextSerde INSTANCE = new TextSerde();

    private TextSerde() {
    }

    @Override
    public byte[] toBytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String fromBytes(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
