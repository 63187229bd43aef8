package io.hydrafs.meta.statemachine;

import com.google.protobuf.ByteString;
import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaOpResult;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry cache's expiry: what it removes, and that its walk starts at the replicated watermark. */
class RetryCacheTest {
    private static final long TTL_MS = 1_000;
    private static final ByteString CLIENT = ByteString.copyFrom(new byte[RetryCache.CLIENT_ID_BYTES]);
    private static final MetaOpResult ANSWER = MetaOpResult.newBuilder().setResponse(ByteString.copyFromUtf8("ok")).build();

    private final RetryCache cache = new RetryCache();
    private final long step = RetryCache.expiryStepMs(TTL_MS);
    private final ScanRecordingStore store = new ScanRecordingStore();

    /** Records call {@code callId} at batch time {@code nowMs}, as BatchApplier does. */
    private void record(long callId, long nowMs) {
        cache.record(store, CLIENT, callId, ANSWER, nowMs, TTL_MS, cache.expiredThrough(store));
    }

    private int expire(long nowMs) {
        return cache.expire(store, nowMs, TTL_MS, cache.expiredThrough(store));
    }

    private boolean cached(long callId) {
        return cache.lookup(store, CLIENT, callId).isPresent();
    }

    @Test
    void entriesExpiredBeforeTheBatchTimeAreRemovedAndTheRestKept() {
        record(1, 0);
        record(2, 500);
        record(3, 2_000);

        assertEquals(2, expire(1_501));

        assertEquals(List.of(false, false, true), List.of(cached(1), cached(2), cached(3)));
        assertEquals(1_501, cache.expiredThrough(store));
    }

    @Test
    void eachWalkStartsAtTheWatermarkNotAtTheStartOfTheTable() {
        for (long t = 0; t < 200; t++) {
            record(t, t);
        }
        expire(1_050);
        store.scanStarts.clear();

        expire(1_150);

        assertEquals(List.of(1_050L), store.scanStarts, "walked from the watermark only");
        assertEquals(100, countCallsNoLongerCachedBetween(50, 150));
        assertEquals(0, countCallsNoLongerCachedBetween(150, 200), "not yet expired");
    }

    private int countCallsNoLongerCachedBetween(long fromCall, long toCall) {
        int gone = 0;
        for (long c = fromCall; c < toCall; c++) {
            gone += cached(c) ? 0 : 1;
        }
        return gone;
    }

    @Test
    void aBatchTimeAtOrBelowTheWatermarkWalksNothing() {
        record(1, 0);
        expire(5_000);
        store.scanStarts.clear();

        assertEquals(0, expire(5_000));
        assertEquals(0, expire(4_000));

        assertTrue(store.scanStarts.isEmpty());
        assertEquals(5_000, cache.expiredThrough(store));
    }

    @Test
    void expiryWaitsUntilTheBatchTimeIsAStepPastTheWatermark() {
        record(1, 0);
        expire(5_000);
        record(2, 5_000 - TTL_MS + step - 1);
        store.scanStarts.clear();

        assertEquals(0, expire(5_000 + step - 1));
        assertTrue(store.scanStarts.isEmpty());
        assertTrue(cached(2), "expired a little late, never early");

        assertEquals(1, expire(5_000 + step));
        assertFalse(cached(2));
        assertEquals(5_000 + step, cache.expiredThrough(store));
    }

    @Test
    void theStepIsASixteenthOfTheTtlButAtMostOneSecond() {
        assertEquals(62, RetryCache.expiryStepMs(1_000));
        assertEquals(1_000, RetryCache.expiryStepMs(600_000));
        assertEquals(1, RetryCache.expiryStepMs(5));
    }

    @Test
    void theTtlIsTheOneTheBatchCarriesOrTheDefault() {
        assertEquals(5_000, RetryCache.ttlOf(MetaBatch.newBuilder().setRetryCacheTtlMs(5_000).build()));
        assertEquals(RetryCache.DEFAULT_TTL_MS, RetryCache.ttlOf(MetaBatch.getDefaultInstance()),
                "entries written before batches carried a TTL");
    }

    @Test
    void aLongerTtlOfALaterBatchKeepsItsAnswersLonger() {
        record(1, 0);
        cache.record(store, CLIENT, 2, ANSWER, 0, 10 * TTL_MS, cache.expiredThrough(store));

        expire(2 * TTL_MS);

        assertFalse(cached(1));
        assertTrue(cached(2));
    }

    @Test
    void aBoundedExpiryResumesWhereItStopped() {
        int total = RetryCache.MAX_EXPIRIES_PER_BATCH + 10;
        for (int i = 0; i < total; i++) {
            record(i, i);
        }

        assertEquals(RetryCache.MAX_EXPIRIES_PER_BATCH, expire(1_000_000));
        long stoppedAt = cache.expiredThrough(store);
        assertEquals(RetryCache.MAX_EXPIRIES_PER_BATCH - 1 + TTL_MS, stoppedAt,
                "the watermark is the expiry time of the last entry removed");
        assertEquals(10, expire(1_000_000));

        assertEquals(1_000_000, cache.expiredThrough(store));
        for (int i = 0; i < total; i++) {
            assertFalse(cached(i), "call " + i + " expired");
        }
    }

    @Test
    void aLeaderWhoseClockIsFarBehindRecordsAtTheWatermarkSoItsEntriesStillExpire() {
        expire(100_000);
        record(1, 10_000); // 10_000 + ttl is far below the watermark

        assertTrue(cached(1));
        assertEquals(0, expire(100_000), "kept until the batch time passes the watermark");
        assertEquals(1, expire(100_000 + step));
        assertFalse(cached(1));
    }

    @Test
    void theWatermarkIsStoredInTheReplicatedState() {
        record(1, 0);
        expire(7_000);

        byte[] stored = store.get(Table.SYSTEM, RetryCache.EXPIRED_THROUGH_KEY);
        assertEquals(7_000, ByteBuffer.wrap(stored).getLong());
        assertEquals(7_000, new RetryCache().expiredThrough(store), "another instance reads the same watermark");
    }

    /** An in-memory store that notes where each scan of the expiry table starts. */
    private static final class ScanRecordingStore implements MetaWriter {
        final List<Long> scanStarts = new ArrayList<>();
        private final InMemoryMetaStore store = new InMemoryMetaStore();

        @Override
        public ScanIterator scan(Table table, byte[] fromInclusive, byte[] toExclusive) {
            if (table == Table.RETRY_EXPIRY) {
                scanStarts.add(fromInclusive.length == 0 ? -1 : ByteBuffer.wrap(fromInclusive).getLong());
            }
            return store.scan(table, fromInclusive, toExclusive);
        }

        @Override
        public byte[] get(Table table, byte[] key) {
            return store.get(table, key);
        }

        @Override
        public void put(Table table, byte[] key, byte[] value) {
            store.put(table, key, value);
        }

        @Override
        public void delete(Table table, byte[] key) {
            store.delete(table, key);
        }

        @Override
        public void setSavepoint() {
            store.setSavepoint();
        }

        @Override
        public void rollbackToSavepoint() {
            store.rollbackToSavepoint();
        }

        @Override
        public void releaseSavepoint() {
            store.releaseSavepoint();
        }
    }
}
