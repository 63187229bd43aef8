package io.hydrafs.protocol.error;

/**
 * Always-on invariant checks. A broken invariant is a bug: it fails loudly here rather than
 * corrupting state later. (Java's {@code assert} is off by default, so it is not used.)
 */
public final class Invariants {
    private Invariants() {
    }

    public static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("invariant violated: " + what);
        }
    }

    public static void check(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new IllegalStateException("invariant violated: " + String.format(format, args));
        }
    }
}
