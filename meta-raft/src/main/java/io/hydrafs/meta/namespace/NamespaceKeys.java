package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.Invariants;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The on-disk key and value encodings of the namespace tables; changing any of them is a layout
 * change ({@link #LAYOUT_VERSION}). Numbers are 8-byte big-endian so that they sort numerically
 * under the store's unsigned-byte order.
 *
 * <pre>
 * INODES   inode id                          -&gt; InodeProto
 * DENTRIES parent id + child name (UTF-8)    -&gt; child inode id      (listing = prefix scan)
 * BLOCKS   block id                          -&gt; owning inode id
 * LEASES   holder (UTF-8) + 0x00 + inode id  -&gt; empty               (files under construction)
 * SYSTEM   counter / marker name (ASCII)     -&gt; 8-byte value
 * </pre>
 *
 * A lease key ends the holder with a 0x00 byte, which no client name may contain, so one holder's
 * keys never interleave with another's whose name it prefixes ("c1" vs "c10").
 */
public final class NamespaceKeys {
    private NamespaceKeys() {
    }

    public static final long ROOT_ID = 1;
    /** The parent id of the root: no inode has it. */
    public static final long NO_PARENT = 0;
    public static final long LAYOUT_VERSION = 1;

    /** SYSTEM keys. Each counter holds the next value to hand out. */
    public static final byte[] LAYOUT_VERSION_KEY = ascii("layout_version");
    public static final byte[] NEXT_INODE_ID_KEY = ascii("next_inode_id");
    public static final byte[] NEXT_BLOCK_ID_KEY = ascii("next_block_id");
    public static final byte[] NEXT_GENERATION_STAMP_KEY = ascii("next_generation_stamp");

    public static final byte[] EMPTY = new byte[0];

    public static byte[] inodeKey(long inodeId) {
        return encodeLong(inodeId);
    }

    public static byte[] dentryKey(long parentId, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Long.BYTES + n.length).putLong(parentId).put(n).array();
    }

    /** First key of a directory's entries. */
    public static byte[] dentryPrefix(long parentId) {
        return encodeLong(parentId);
    }

    /** The first key after every entry of the directory (the prefix of the next id). */
    public static byte[] dentryPrefixEnd(long parentId) {
        return encodeLong(parentId + 1);
    }

    /** The smallest key strictly after the entry {@code name}: the entry plus one 0x00 byte. */
    public static byte[] dentryKeyAfter(long parentId, String name) {
        byte[] k = dentryKey(parentId, name);
        return Arrays.copyOf(k, k.length + 1);
    }

    public static long dentryParentId(byte[] key) {
        return ByteBuffer.wrap(key, 0, Long.BYTES).getLong();
    }

    public static String dentryName(byte[] key) {
        return new String(key, Long.BYTES, key.length - Long.BYTES, StandardCharsets.UTF_8);
    }

    public static byte[] blockKey(long blockId) {
        return encodeLong(blockId);
    }

    public static byte[] leaseKey(String holder, long inodeId) {
        byte[] h = holder.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(h.length + 1 + Long.BYTES).put(h).put((byte) 0).putLong(inodeId).array();
    }

    public static String leaseHolder(byte[] key) {
        Invariants.check(key.length > Long.BYTES && key[key.length - Long.BYTES - 1] == 0, "malformed lease key");
        return new String(key, 0, key.length - Long.BYTES - 1, StandardCharsets.UTF_8);
    }

    public static long leaseInodeId(byte[] key) {
        return ByteBuffer.wrap(key, key.length - Long.BYTES, Long.BYTES).getLong();
    }

    public static byte[] encodeLong(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    public static long decodeLong(byte[] b) {
        Invariants.check(b.length == Long.BYTES, "an 8-byte number has %d bytes", b.length);
        return ByteBuffer.wrap(b).getLong();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
