package io.hydrafs.ops.quickstart;

import io.hydrafs.protocol.error.Invariants;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the data-path tour writes: files of chosen lengths under one directory, all with the
 * same block size, each byte a pure function of the file's index and the byte's offset. So
 * the expected bytes of any range can be made again at read time instead of being kept in
 * memory, and two files never hold the same bytes (a block served for the wrong file shows).
 *
 * @param base           the directory holding the files
 * @param blockSizeBytes block size of every file (a multiple of 512)
 * @param lengths        each file's length in bytes, in order; file i is named {@link #name(int)}
 */
record FileSet(String base, long blockSizeBytes, List<Long> lengths) {
    static final long KIB = 1 << 10;
    static final long MIB = 1 << 20;
    /** The quickstart's block size: the smallest a default meta service accepts, so big files have many blocks. */
    static final long QUICKSTART_BLOCK_SIZE = MIB;

    /**
     * The lengths the quickstart writes, about 29 MiB: empty, a byte, less than a checksum
     * chunk, one byte over a packet, exactly one block, one byte over a block, and files of
     * several blocks ending on and off chunk and block boundaries.
     */
    static final List<Long> QUICKSTART_LENGTHS = List.of(0L, 1L, 511L, 64 * KIB + 1, MIB, MIB + 1,
            3 * MIB + 3, 4 * MIB + 511, 5 * MIB + 64 * KIB, 7 * MIB + 100, 8 * MIB);

    FileSet {
        lengths = List.copyOf(lengths);
        Invariants.check(blockSizeBytes > 0 && blockSizeBytes % 512 == 0,
                "block size %d is not a positive multiple of 512", blockSizeBytes);
        Invariants.check(lengths.stream().allMatch(l -> l >= 0), "a file length is negative: %s", lengths);
    }

    static FileSet quickstart(String base) {
        return new FileSet(base, QUICKSTART_BLOCK_SIZE, QUICKSTART_LENGTHS);
    }

    int size() {
        return lengths.size();
    }

    long length(int file) {
        return lengths.get(file);
    }

    long totalBytes() {
        return lengths.stream().mapToLong(Long::longValue).sum();
    }

    long totalBlocks() {
        return lengths.stream().mapToLong(l -> (l + blockSizeBytes - 1) / blockSizeBytes).sum();
    }

    /** "f03-65537B": the index keeps listings in order, the length makes a problem line self-explaining. */
    String name(int file) {
        return String.format(Locale.ROOT, "f%02d-%dB", file, length(file));
    }

    String path(int file) {
        return base + "/" + name(file);
    }

    List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            paths.add(path(i));
        }
        return paths;
    }

    /** Fills {@code buf[off, off + len)} with the bytes file {@code file} holds from {@code offset} on. */
    static void fill(int file, long offset, byte[] buf, int off, int len) {
        long seed = 0x5EED_0000_0000L + file * 0x1_0000_0001L;
        long wordIndex = -1;
        long word = 0;
        for (int i = 0; i < len; i++) {
            long p = offset + i;
            if (p >>> 3 != wordIndex) {
                wordIndex = p >>> 3;
                word = mix(seed + wordIndex);
            }
            buf[off + i] = (byte) (word >>> ((p & 7) << 3));
        }
    }

    /** SplitMix64's finalizer: consecutive inputs give unrelated outputs. */
    private static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
