package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;
import java.nio.ByteBuffer;

/**
 * The (term, index) of the last Raft log entry whose effects are in the store, and the latest
 * batch time among the entries applied so far. It is written in the same RocksDB write batch as
 * those effects, so after any crash the data and this value describe the same prefix of the log:
 * replay resumes at {@code index + 1}.
 *
 * <p>Why the batch time: entries already in the store are skipped after a restart or a snapshot
 * install, so a new leader cannot learn their times by applying them, yet must never stamp a
 * batch earlier than them (mtimes and lease times would step back by its clock's lag).
 *
 * <p>On disk it lives in {@link Table#SYSTEM} under {@link #STORAGE_KEY} as three 8-byte
 * big-endian longs (term, index, batch time); a value of two (written before the batch time was
 * kept) reads as batch time 0.
 */
public record AppliedIndex(long term, long index, long batchTimeMs) {
    /** A store that has applied nothing. */
    public static final AppliedIndex NONE = new AppliedIndex(0, 0);

    /**
     * The reserved key in {@link Table#SYSTEM}: a 0x00 byte then ASCII "raft.applied". Keys of
     * SYSTEM that start with 0x00 belong to the store; namespace counters use printable names.
     */
    static final byte[] STORAGE_KEY = {0, 'r', 'a', 'f', 't', '.', 'a', 'p', 'p', 'l', 'i', 'e', 'd'};

    private static final int ENCODED_LENGTH = 3 * Long.BYTES;
    private static final int ENCODED_LENGTH_WITHOUT_TIME = 2 * Long.BYTES;

    public AppliedIndex {
        Invariants.check(term >= 0 && index >= 0, "applied index must be non-negative: (%d, %d)", term, index);
        Invariants.check(batchTimeMs >= 0, "batch time must be non-negative: %d", batchTimeMs);
    }

    /** An applied (term, index) with no batch time known. */
    public AppliedIndex(long term, long index) {
        this(term, index, 0);
    }

    /**
     * The entry at (term, index) applied after this one, with a batch time of
     * {@code entryBatchTimeMs} (0 for an entry without one): the batch time kept is the latest
     * seen, since entries of different leaders need not be in time order.
     */
    AppliedIndex next(long term, long index, long entryBatchTimeMs) {
        Invariants.check(index > this.index, "applied index must increase: %d after %s", index, this);
        Invariants.check(term >= this.term, "applied term must not decrease: %d after %s", term, this);
        return new AppliedIndex(term, index, Math.max(batchTimeMs, entryBatchTimeMs));
    }

    /** Whether a key of {@link Table#SYSTEM} is reserved for the store itself. */
    static boolean isReservedSystemKey(byte[] key) {
        return key.length > 0 && key[0] == 0;
    }

    byte[] encode() {
        return ByteBuffer.allocate(ENCODED_LENGTH).putLong(term).putLong(index).putLong(batchTimeMs).array();
    }

    /** Decodes a stored value; null (never written) means {@link #NONE}. */
    static AppliedIndex decode(byte[] stored) {
        if (stored == null) {
            return NONE;
        }
        if (stored.length != ENCODED_LENGTH && stored.length != ENCODED_LENGTH_WITHOUT_TIME) {
            throw new MetaStoreException("corrupt applied index: " + stored.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(stored);
        return new AppliedIndex(buffer.getLong(), buffer.getLong(), buffer.hasRemaining() ? buffer.getLong() : 0);
    }

    @Override
    public String toString() {
        return "(t" + term + ", i" + index + ", batch time " + batchTimeMs + ")";
    }
}
