package io.hydrafs.ops.bench;

import java.util.Locale;

/**
 * A one-line JSON object built field by field, in insertion order (the order the HDFS peer
 * prints, so lines from both systems read alike). Numbers with a fraction get 3 decimals, as
 * the peer prints them; non-finite numbers, which JSON cannot carry, become null.
 */
final class JsonLine {
    private final StringBuilder out = new StringBuilder("{");

    JsonLine put(String key, String value) {
        return key(key).quote(value);
    }

    JsonLine put(String key, long value) {
        key(key).out.append(value);
        return this;
    }

    JsonLine put(String key, double value) {
        key(key);
        if (Double.isFinite(value)) {
            out.append(String.format(Locale.ROOT, "%.3f", value));
        } else {
            out.append("null");
        }
        return this;
    }

    JsonLine put(String key, boolean value) {
        key(key).out.append(value);
        return this;
    }

    private JsonLine key(String key) {
        if (out.length() > 1) {
            out.append(',');
        }
        return quote(key).colon();
    }

    private JsonLine colon() {
        out.append(':');
        return this;
    }

    private JsonLine quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        return this;
    }

    @Override
    public String toString() {
        return out + "}";
    }
}
