package io.hydrafs.ops.fs;

import java.util.Locale;

/**
 * Byte counts as {@code du} and {@code ls -h} of HDFS print them: plain bytes below 1 KiB, else
 * one decimal and a binary prefix letter ({@code 1536 -> "1.5 K"}, {@code 3 GiB -> "3.0 G"}).
 */
public final class SizeFormat {
    private static final String PREFIXES = "KMGTPE";

    private SizeFormat() {
    }

    public static String bytes(long n, boolean human) {
        return human ? human(n) : Long.toString(n);
    }

    public static String human(long n) {
        if (n < 1024) {
            return Long.toString(n);
        }
        int exponent = (63 - Long.numberOfLeadingZeros(n)) / 10;  // 1 for KiB, 2 for MiB...
        double value = n / Math.pow(1024, exponent);
        if (value >= 1023.95 && exponent < PREFIXES.length()) {  // would print as "1024.0 K": use the next prefix
            exponent++;
            value = n / Math.pow(1024, exponent);
        }
        return String.format(Locale.ROOT, "%.1f %c", value, PREFIXES.charAt(exponent - 1));
    }
}
