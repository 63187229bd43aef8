package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;
import java.nio.ByteBuffer;

/**
 * The (term, index) of the last Raft log entry whose effects are in the store. It is written in
 * the same RocksDB write batch as those effects, so after any crash the data and this value
 * describe the same prefix of the log: replay resumes at {@code index + 1}.
 *
 * <p>On disk it lives in {@link Table#SYSTEM} under {@link #STORAGE_KEY} as two 8-byte
 * big-endian longs (term, then index).
 */
public record AppliedIndex(long term, long index) {
    /** A store that has applied nothing. */
    public static final AppliedIndex NONE = new AppliedIndex(0, 0);

    /**
     * The reserved key in {@link Table#SYSTEM}: a 0x00 byte then ASCII "raft.applied". Keys of
     * SYSTEM that start with 0x00 belong to the store; namespace counters use printable names.
     */
    static final byte[] STORAGE_KEY = {0, 'r', 'a', 'f', 't', '.', 'a', 'p', 'p', 'l', 'i', 'e', 'd'};

    private static final int ENCODED_LENGTH = 2 * Long.BYTES;

    public AppliedIndex {
        Invariants.check(term >= 0 && index >= 0, "applied index must be non-negative: (%d, %d)", term, index);
    }

    /** Whether a key of {@link Table#SYSTEM} is reserved for the store itself. */
    static boolean isReservedSystemKey(byte[] key) {
        return key.length > 0 && key[0] == 0;
    }

    byte[] encode() {
        return ByteBuffer.allocate(ENCODED_LENGTH).putLong(term).putLong(index).array();
    }

    /** Decodes a stored value; null (never written) means {@link #NONE}. */
    static AppliedIndex decode(byte[] stored) {
        if (stored == null) {
            return NONE;
        }
        if (stored.length != ENCODED_LENGTH) {
            throw new MetaStoreException("corrupt applied index: " + stored.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        return new AppliedIndex(buffer.getLong(), buffer.getLong());
    }

    @Override
    public String toString() {
        return "(t" + term + ", i" + index + ")";
    }
}
