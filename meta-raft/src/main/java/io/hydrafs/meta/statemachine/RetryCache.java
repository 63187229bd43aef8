package io.hydrafs.meta.statemachine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.MetaStoreException;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaOpResult;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The answers of recent mutating calls, kept inside the replicated state so that a call
 * retried with the same (client id, call id) gets its first answer, even when the retry
 * reaches a new leader after the old one died between applying the call and replying.
 *
 * <p>Entries live for the batch's TTL of batch time: both the leader's clock and its TTL
 * setting are carried in each batch, never this node's clock or configuration, so every replica
 * expires the same entries at the same log index (a TTL read from each node's own configuration
 * made replicas that disagreed on it diverge, and a retry reaching a new leader with a shorter TTL
 * could run a non-idempotent call twice). Expiry walks a second table ordered by expiry time and removes a bounded number of
 * entries per batch, so a burst of expiries never makes one apply slow. It walks only once the
 * batch time is {@link #expiryStepMs(long)} past the watermark (at most 1 s, or 1/16 of the TTL),
 * so an entry may outlive its TTL by that much: a walk (a RocksDB iterator and seek, and a
 * write of the watermark) in every batch was ~7% of a node's apply time under mkdir load.
 *
 * <p>The expiry walk starts at a watermark kept in the replicated state ({@link Table#SYSTEM},
 * {@link #EXPIRED_THROUGH_KEY}): every entry that expires before it is gone. Starting at the
 * table's beginning instead made each batch step over the tombstones of every entry expired
 * since RocksDB last compacted them: under steady writes, once the first entries expired the
 * walk grew by thousands of tombstones a second and applies slowed without bound. An entry is
 * never recorded below the watermark (a leader whose clock runs far behind its predecessor's
 * records it at the watermark), so the walk misses nothing; being replicated, the watermark
 * is the same on every replica at the same index and travels in snapshots.
 */
public final class RetryCache {
    static final int CLIENT_ID_BYTES = 16;
    static final int MAX_EXPIRIES_PER_BATCH = 2_000;
    /** Where the expiry watermark lives in {@link Table#SYSTEM}. */
    static final byte[] EXPIRED_THROUGH_KEY = "retry_cache_expired_through".getBytes(StandardCharsets.US_ASCII);

    static final long MAX_EXPIRY_STEP_MS = 1_000;
    /** The TTL of batches that carry none (written before batches carried it). */
    public static final long DEFAULT_TTL_MS = 600_000;

    /** The TTL a batch's answers are kept for: the one it carries, else {@link #DEFAULT_TTL_MS}. */
    public static long ttlOf(MetaBatch batch) {
        long ttl = batch.getRetryCacheTtlMs();
        return ttl > 0 ? ttl : DEFAULT_TTL_MS;
    }

    /** How far the batch time must pass the watermark before expiry walks again, for a TTL. */
    static long expiryStepMs(long ttlMs) {
        Invariants.check(ttlMs > 0, "retry cache ttl must be positive: %d", ttlMs);
        return Math.min(MAX_EXPIRY_STEP_MS, Math.max(1, ttlMs / 16));
    }

    public Optional<MetaOpResult> lookup(MetaReader r, ByteString clientId, long callId) {
        byte[] v = r.get(Table.RETRY_CACHE, cacheKey(clientId, callId));
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MetaOpResult.parseFrom(ByteBuffer.wrap(v, 8, v.length - 8)));
        } catch (InvalidProtocolBufferException e) {
            throw new MetaStoreException("corrupt retry cache entry", e);
        }
    }

    /** The expiry watermark: every entry expiring before it has been removed (0 on a new store). */
    public long expiredThrough(MetaReader r) {
        byte[] v = r.get(Table.SYSTEM, EXPIRED_THROUGH_KEY);
        return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }

    /**
     * Records the answer of a call made at batch time {@code nowMs}, kept for {@code ttlMs};
     * {@code expiredThrough} is the watermark read at the start of the batch, below which no
     * entry may be recorded.
     */
    public void record(MetaWriter w, ByteString clientId, long callId, MetaOpResult result, long nowMs,
                       long ttlMs, long expiredThrough) {
        Invariants.check(ttlMs > 0, "retry cache ttl must be positive: %d", ttlMs);
        long expiry = Math.max(nowMs + ttlMs, expiredThrough);
        byte[] body = result.toByteArray();
        byte[] v = ByteBuffer.allocate(8 + body.length).putLong(expiry).put(body).array();
        w.put(Table.RETRY_CACHE, cacheKey(clientId, callId), v);
        w.put(Table.RETRY_EXPIRY, expiryKey(expiry, clientId, callId), new byte[0]);
    }

    /**
     * Removes entries whose expiry time is before {@code nowMs}, at most a bounded number per
     * call, walking from the watermark {@code expiredThrough}, unless {@code nowMs} is less than
     * {@link #expiryStepMs(long)} of the batch's TTL past it; moves the watermark on as far as the
     * removal got. Returns how many entries it removed.
     */
    public int expire(MetaWriter w, long nowMs, long ttlMs, long expiredThrough) {
        long upTo = Math.max(0, nowMs);
        if (upTo - expiredThrough < expiryStepMs(ttlMs)) {
            return 0;
        }
        // Collected first, deleted after: a delete would make the batch scan reopen its iterator.
        List<byte[]> expired = new ArrayList<>();
        try (MetaReader.ScanIterator it = w.scan(Table.RETRY_EXPIRY, encodeTime(expiredThrough), encodeTime(upTo))) {
            while (expired.size() < MAX_EXPIRIES_PER_BATCH && it.hasNext()) {
                expired.add(it.next().key());
            }
        }
        for (byte[] k : expired) {
            w.delete(Table.RETRY_CACHE, Arrays.copyOfRange(k, 8, k.length));
            w.delete(Table.RETRY_EXPIRY, k);
        }
        // A full bound may have left entries of the last removed one's expiry time: the walk resumes there.
        long through = expired.size() < MAX_EXPIRIES_PER_BATCH ? upTo
                : ByteBuffer.wrap(expired.get(expired.size() - 1)).getLong();
        Invariants.check(through >= expiredThrough, "retry cache watermark moved back: %d -> %d",
                expiredThrough, through);
        if (through != expiredThrough) {
            w.put(Table.SYSTEM, EXPIRED_THROUGH_KEY, encodeTime(through));
        }
        return expired.size();
    }

    private static byte[] encodeTime(long ms) {
        return ByteBuffer.allocate(8).putLong(ms).array();
    }

    static byte[] cacheKey(ByteString clientId, long callId) {
        Invariants.check(clientId.size() == CLIENT_ID_BYTES, "client id must be %d bytes, was %d",
                CLIENT_ID_BYTES, clientId.size());
        ByteBuffer b = ByteBuffer.allocate(CLIENT_ID_BYTES + 8);
        clientId.copyTo(b);
        return b.putLong(callId).array();
    }

    private static byte[] expiryKey(long expiry, ByteString clientId, long callId) {
        ByteBuffer b = ByteBuffer.allocate(8 + CLIENT_ID_BYTES + 8).putLong(expiry);
        clientId.copyTo(b);
        return b.putLong(callId).array();
    }
}
