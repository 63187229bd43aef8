package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/**
 * How much of a full-size workload to run: {@code 1/divisor} of every count. WORKLOADS.md
 * defines full scale ("1") and the quick variant ("1/16"); any other {@code 1/N} is accepted
 * for smoke tests. The thread count never scales.
 *
 * <p>Counts are divided with integer division exactly as the HDFS peer does (2,500 / 16 = 156),
 * so lines from both systems carry the same op counts; a count never drops below 1, which only
 * matters for test-sized divisors.
 */
public record Scale(int divisor) {
    public static final Scale FULL = new Scale(1);
    public static final Scale SIXTEENTH = new Scale(16);

    public Scale {
        if (divisor < 1) {
            throw new IllegalArgumentException("scale divisor must be >= 1, got " + divisor);
        }
    }

    /** Parses "1" or "1/N" (N >= 1). */
    public static Scale parse(String text) throws HydraException {
        String s = text == null ? "" : text.trim();
        if (s.equals("1")) {
            return FULL;
        }
        if (s.startsWith("1/")) {
            try {
                int n = Integer.parseInt(s.substring(2));
                if (n >= 1) {
                    return new Scale(n);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new HydraException(ErrorCode.INVALID_ARGUMENT, "scale '" + text + "' is not 1 or 1/N (e.g. 1/16)");
    }

    /** The scaled count of something that is {@code fullScaleCount} at full scale. */
    public int of(int fullScaleCount) {
        return Math.max(1, fullScaleCount / divisor);
    }

    /** The smaller of two scales (the one with the larger divisor). */
    public Scale atMost(Scale other) {
        return divisor >= other.divisor ? this : other;
    }

    /** As the HDFS peer prints it in the "scale" field: "1/1", "1/16". */
    public String label() {
        return "1/" + divisor;
    }

    @Override
    public String toString() {
        return label();
    }
}
