package io.hydrafs.protocol.data;

/**
 * Composes CRC32Cs: from the CRC32C of A and the CRC32C and length of B, the CRC32C of A
 * followed by B, without the data. A blockstore composes its stored chunk checksums into the
 * CRC32C of a block, and a client composes block CRCs into the CRC32C of a whole file: a file
 * checksum that does not depend on block or chunk boundaries, so it compares equal to HDFS's
 * COMPOSITE-CRC32C file checksum of the same bytes.
 *
 * <p>Why it works: with CRC32C's initial value and final xor both all ones, {@code crc(A||B) =
 * crc(A) * x^(8 |B|) + crc(B)} in GF(2)[x] modulo the Castagnoli polynomial. Polynomials are
 * held bit-reflected, as the CRC itself: the int's highest bit is x^0.
 */
public final class Crc32cComposition {
    /** The Castagnoli polynomial, reflected (the JDK's {@code java.util.zip.CRC32C}). */
    private static final int POLY = 0x82F63B78;
    private static final int X_POW_0 = 0x80000000;
    /** X_POW_2_POW[k] = x^(2^k) mod P; k up to 66 covers x^(8n) for any non-negative long n. */
    private static final int[] X_POW_2_POW = new int[67];

    static {
        int p = X_POW_0 >>> 1; // x^1
        X_POW_2_POW[0] = p;
        for (int k = 1; k < X_POW_2_POW.length; k++) {
            p = multiplyModP(p, p);
            X_POW_2_POW[k] = p;
        }
    }

    private Crc32cComposition() {
    }

    /** The CRC32C of an empty sequence: the neutral start of a composition. */
    public static final int EMPTY = 0;

    /** The CRC32C of A followed by B, given crc(A), crc(B) and the length of B in bytes. */
    public static int concat(int crcA, int crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        return multiplyModP(crcA, xPow8n(lengthB)) ^ crcB;
    }

    /** x^(8n) mod P. */
    private static int xPow8n(long n) {
        int p = X_POW_0;
        int k = 3;
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiplyModP(X_POW_2_POW[k], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }

    /** a * b mod P, both reflected. */
    private static int multiplyModP(int a, int b) {
        int product = 0;
        for (int bit = X_POW_0; a != 0; bit >>>= 1) {
            if ((a & bit) != 0) {
                product ^= b;
                a &= ~bit;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }
}
