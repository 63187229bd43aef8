package io.hydrafs.compute.serde;

/**
 * Orders serialised keys without deserialising them: the sort buffer, the merges and the
 * grouping of reduce input all compare bytes only. Must be a total order consistent with the
 * serde's equality: two keys compare 0 exactly when they group together in a reduce.
 */
@FunctionalInterface
public interface KeyComparator {

    int compare(byte[] a, int aOffset, int aLength, byte[] b, int bOffset, int bLength);

    default int compare(byte[] a, byte[] b) {
        return compare(a, 0, a.length, b, 0, b.length);
    }

    /** Lexicographic order of bytes read as unsigned (0x00 first, 0xff last); a prefix sorts first. */
    KeyComparator UNSIGNED_BYTES = (a, ao, al, b, bo, bl) ->
            java.util.Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl);
}
