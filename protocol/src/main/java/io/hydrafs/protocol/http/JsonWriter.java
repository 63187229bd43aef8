package io.hydrafs.protocol.http;

import io.hydrafs.protocol.error.Invariants;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer into a string, enough for status pages (the project carries no
 * JSON library and these pages do not justify one). It places commas and colons itself and
 * escapes strings per RFC 8259; numbers that JSON cannot hold (NaN, infinities) are written as
 * {@code null}.
 *
 * <p>Misuse (a value where a name is due, closing what is not open, reading an unfinished
 * document) is a bug in the caller and fails an invariant. Not thread-safe.
 */
public final class JsonWriter {
    private enum Scope { OBJECT_NAME, OBJECT_VALUE, ARRAY, TOP }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    /** Whether the current container already holds an element (so the next one needs a comma). */
    private final Deque<Boolean> nonEmpty = new ArrayDeque<>();
    private boolean topWritten;

    public JsonWriter() {
        scopes.push(Scope.TOP);
        nonEmpty.push(false);
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(Scope.OBJECT_NAME);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endObject() {
        Invariants.check(scopes.peek() == Scope.OBJECT_NAME, "endObject() outside an object or after a name");
        scopes.pop();
        nonEmpty.pop();
        out.append('}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(Scope.ARRAY);
        nonEmpty.push(false);
        return this;
    }

    public JsonWriter endArray() {
        Invariants.check(scopes.peek() == Scope.ARRAY, "endArray() outside an array");
        scopes.pop();
        nonEmpty.pop();
        out.append(']');
        return this;
    }

    /** The name of the next member of the current object. */
    public JsonWriter name(String name) {
        Invariants.check(scopes.peek() == Scope.OBJECT_NAME, "name(%s) outside an object or twice in a row", name);
        separate();
        quote(name);
        out.append(':');
        scopes.pop();
        scopes.push(Scope.OBJECT_VALUE);
        return this;
    }

    public JsonWriter value(String value) {
        if (value == null) {
            return nullValue();
        }
        beforeValue();
        quote(value);
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter value(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return nullValue();
        }
        beforeValue();
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value); // 3.0 reads better as 3, and means the same in JSON
        } else {
            out.append(value);
        }
        return this;
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Shorthand for {@code name(name).value(value)}. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** The finished document; every object and array must be closed. */
    public String toJson() {
        Invariants.check(scopes.peek() == Scope.TOP && topWritten, "toJson() of an unfinished JSON document");
        return out.toString();
    }

    private void beforeValue() {
        Scope scope = scopes.peek();
        switch (scope) {
            case OBJECT_VALUE -> {
                scopes.pop();
                scopes.push(Scope.OBJECT_NAME);
            }
            case ARRAY -> separate();
            case TOP -> {
                Invariants.check(!topWritten, "a JSON document holds one top-level value");
                topWritten = true;
            }
            case OBJECT_NAME -> Invariants.check(false, "a value inside an object needs a name first");
            default -> throw new IllegalStateException("unknown scope " + scope);
        }
    }

    private void separate() {
        if (nonEmpty.peek()) {
            out.append(',');
        } else {
            nonEmpty.pop();
            nonEmpty.push(true);
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 are legal JSON but break JavaScript that embeds it; escape them too
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
