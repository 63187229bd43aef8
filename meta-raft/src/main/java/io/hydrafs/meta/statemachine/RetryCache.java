package io.hydrafs.meta.statemachine;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.store.KeyValue;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.MetaStoreException;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.MetaOpResult;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The answers of recent mutating calls, kept inside the replicated state so that a call
 * retried with the same (client id, call id) gets its first answer, even when the retry
 * reaches a new leader after the old one died between applying the call and replying.
 *
 * <p>Entries live for {@code ttlMs} of batch time (the leader's clock carried in each
 * batch, never the local clock, so every replica expires the same entries at the same log
 * index). Expiry walks a second table ordered by expiry time and removes a bounded number of
 * entries per batch, so a burst of expiries never makes one apply slow.
 */
public final class RetryCache {
    static final int CLIENT_ID_BYTES = 16;
    private static final int MAX_EXPIRIES_PER_BATCH = 2_000;

    private final long ttlMs;

    public RetryCache(long ttlMs) {
        Invariants.check(ttlMs > 0, "retry cache ttl must be positive: %d", ttlMs);
        this.ttlMs = ttlMs;
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

    public void record(MetaWriter w, ByteString clientId, long callId, MetaOpResult result, long nowMs) {
        long expiry = nowMs + ttlMs;
        byte[] body = result.toByteArray();
        byte[] v = ByteBuffer.allocate(8 + body.length).putLong(expiry).put(body).array();
        w.put(Table.RETRY_CACHE, cacheKey(clientId, callId), v);
        w.put(Table.RETRY_EXPIRY, expiryKey(expiry, clientId, callId), new byte[0]);
    }

    /** Removes entries whose expiry time is before nowMs (at most a bounded number per call). */
    public int expire(MetaWriter w, long nowMs) {
        int removed = 0;
        byte[] upTo = ByteBuffer.allocate(8).putLong(Math.max(0, nowMs)).array();
        try (MetaReader.ScanIterator it = w.scan(Table.RETRY_EXPIRY, new byte[0], upTo)) {
            while (it.hasNext() && removed < MAX_EXPIRIES_PER_BATCH) {
                KeyValue kv = it.next();
                byte[] k = kv.key();
                byte[] cacheKey = new byte[k.length - 8];
                System.arraycopy(k, 8, cacheKey, 0, cacheKey.length);
                w.delete(Table.RETRY_CACHE, cacheKey);
                w.delete(Table.RETRY_EXPIRY, k);
                removed++;
            }
        }
        return removed;
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
