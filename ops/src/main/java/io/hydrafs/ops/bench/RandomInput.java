package io.hydrafs.ops.bench;

import java.util.SplittableRandom;

/**
 * The "random" input of WORKLOADS.md, byte for byte what {@code GenData.java random} writes
 * (seed 42, little-endian longs), built in memory so the timed write does not pay for it, as
 * the HDFS peer does.
 */
final class RandomInput {
    private static final int BLOCK = 1 << 16;

    private RandomInput() {
    }

    static byte[] generate(int bytes) {
        byte[] out = new byte[bytes];
        SplittableRandom rnd = new SplittableRandom(42);
        byte[] buf = new byte[BLOCK];
        for (int at = 0; at < bytes; at += BLOCK) {
            for (int i = 0; i < BLOCK; i += 8) {
                long v = rnd.nextLong();
                for (int k = 0; k < 8; k++) {
                    buf[i + k] = (byte) (v >>> (8 * k));
                }
            }
            System.arraycopy(buf, 0, out, at, Math.min(BLOCK, bytes - at));
        }
        return out;
    }
}
