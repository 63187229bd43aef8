package io.hydrafs.meta.statemachine;

import com.google.protobuf.ByteString;
import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.namespace.NamespacePolicy;
import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AddBlockResponse;
import io.hydrafs.protocol.meta.AppendRequest;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.SetQuotaRequest;
import io.hydrafs.protocol.meta.UpdateAclRequest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deterministic core of the state machine: retry cache, per-op rollback, expiry. */
class BatchApplierTest {
    private static final long TTL_MS = 60_000;
    private final InMemoryMetaStore store = new InMemoryMetaStore();
    private final BatchApplier applier = new BatchApplier(new Namespace(NamespacePolicy.defaults()), new RetryCache());
    private final ByteString client = clientId();
    private final List<BlockProto> removed = new ArrayList<>();

    private static ByteString clientId() {
        UUID u = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private MetaOp create(long callId, String path) {
        return MetaOp.newBuilder().setClientId(client).setCallId(callId).setUser(NamespacePolicy.defaults().superuser())
                .setCreate(CreateRequest.newBuilder().setPath(path).setClientName("writer").setCreateParent(true))
                .build();
    }

    private MetaBatchResult apply(long nowMs, MetaOp... ops) {
        return applier.apply(batch(nowMs, ops), store, removed);
    }

    static MetaBatch batch(long nowMs, MetaOp... ops) {
        return MetaBatch.newBuilder().setTimestampMs(nowMs).setRetryCacheTtlMs(TTL_MS).addAllOps(List.of(ops)).build();
    }

    private MetaOp op(long callId, MetaOp.Builder op) {
        return op.setClientId(client).setCallId(callId).setUser(NamespacePolicy.defaults().superuser()).build();
    }

    private MetaOp addBlock(long callId, String path) {
        return op(callId, MetaOp.newBuilder().addChosenTargets("bs-1")
                .setAddBlock(AddBlockRequest.newBuilder().setPath(path).setClientName("writer")));
    }

    private MetaOp complete(long callId, String path, BlockProto last) {
        return op(callId, MetaOp.newBuilder()
                .setComplete(CompleteRequest.newBuilder().setPath(path).setClientName("writer").setLast(last)));
    }

    private MetaOp delete(long callId, String path) {
        return op(callId, MetaOp.newBuilder().setDelete(DeleteRequest.newBuilder().setPath(path).setRecursive(true)));
    }

    private MetaOp append(long callId, String path) {
        return op(callId, MetaOp.newBuilder().setAppend(AppendRequest.newBuilder().setPath(path).setClientName("writer")));
    }

    /** Writes a closed file of one block holding {@code numBytes}; returns the block as stored. */
    private BlockProto writeFile(long firstCallId, String path, long numBytes) throws Exception {
        apply(1_000, create(firstCallId, path));
        BlockProto b = AddBlockResponse.parseFrom(apply(1_000, addBlock(firstCallId + 1, path)).getResults(0)
                .getResponse()).getBlock().getBlock().toBuilder().setNumBytes(numBytes).build();
        apply(1_000, complete(firstCallId + 2, path, b));
        return b;
    }

    @Test
    void aRetriedCallGetsItsFirstAnswerInsteadOfAlreadyExists() throws Exception {
        MetaOpResult first = apply(1_000, create(7, "/f")).getResults(0);
        MetaOpResult retried = apply(2_000, create(7, "/f")).getResults(0);
        assertFalse(first.hasError());
        assertEquals(first, retried);
        assertEquals(CreateResponse.parseFrom(first.getResponse()).getStatus().getInodeId(),
                CreateResponse.parseFrom(retried.getResponse()).getStatus().getInodeId());
    }

    @Test
    void aNewCallForTheSamePathIsNotMistakenForARetry() {
        apply(1_000, create(7, "/f"));
        MetaOpResult other = apply(2_000, create(8, "/f")).getResults(0);
        assertEquals(ErrorCode.ALREADY_BEING_CREATED.number(), other.getError().getCode());
    }

    @Test
    void aRetryInsideTheSameBatchIsAnsweredFromTheCache() {
        MetaBatchResult r = apply(1_000, create(7, "/f"), create(7, "/f"));
        assertEquals(r.getResults(0), r.getResults(1));
    }

    @Test
    void aFailedOperationWritesNothingAndItsBatchNeighboursStillApply() {
        MetaOp bad = MetaOp.newBuilder().setClientId(client).setCallId(1).setUser("nobody")
                .setMkdirs(MkdirsRequest.newBuilder().setPath("/bad//path")).build();
        MetaBatchResult r = apply(1_000, create(2, "/a"), bad, create(3, "/b"));
        assertFalse(r.getResults(0).hasError());
        assertEquals(ErrorCode.INVALID_PATH.number(), r.getResults(1).getError().getCode());
        assertFalse(r.getResults(2).hasError());
    }

    @Test
    void aFailureIsRecordedTooSoTheRetryGetsTheSameError() {
        MetaOp bad = MetaOp.newBuilder().setClientId(client).setCallId(5).setUser("nobody")
                .setMkdirs(MkdirsRequest.newBuilder().setPath("relative")).build();
        assertEquals(apply(1_000, bad).getResults(0), apply(1_500, bad).getResults(0));
    }

    @Test
    void idempotentCallsAreNotRecordedAndARetryOfMkdirsStillSucceeds() {
        MetaOp mkdirs = MetaOp.newBuilder().setClientId(client).setCallId(6).setUser(NamespacePolicy.defaults()
                .superuser()).setMkdirs(MkdirsRequest.newBuilder().setPath("/d")).build();

        MetaOpResult first = apply(1_000, mkdirs).getResults(0);
        MetaOpResult retried = apply(1_500, mkdirs).getResults(0);

        assertNull(store.get(Table.RETRY_CACHE, RetryCache.cacheKey(client, 6)), "no retry cache entry");
        assertFalse(first.hasError());
        assertFalse(retried.hasError(), "the directory exists: success, as the first answer");
        assertTrue(BatchApplier.isIdempotent(mkdirs));
        assertFalse(BatchApplier.isIdempotent(create(7, "/f")), "create is not: a retry would fail");
        assertTrue(BatchApplier.isIdempotent(MetaOp.newBuilder().setSetQuota(SetQuotaRequest.newBuilder()
                .setPath("/d")).build()), "setQuota sets a state, as HDFS's @Idempotent setQuota");
        assertTrue(BatchApplier.isIdempotent(MetaOp.newBuilder().setUpdateAcl(UpdateAclRequest.newBuilder()
                .setPath("/d")).build()), "so do the ACL calls");
    }

    @Test
    void cacheEntriesExpireByBatchTimeNotWallClock() {
        apply(1_000, create(7, "/f"));
        byte[] key = RetryCache.cacheKey(client, 7);
        assertNotNull(store.get(Table.RETRY_CACHE, key));
        apply(1_000 + TTL_MS, create(9, "/g"));
        assertNotNull(store.get(Table.RETRY_CACHE, key), "not yet expired at exactly the ttl");
        apply(1_000 + TTL_MS + 1, create(10, "/h"));
        assertNotNull(store.get(Table.RETRY_CACHE, key), "expiry walks only a step after the last walk");
        apply(1_000 + TTL_MS + RetryCache.MAX_EXPIRY_STEP_MS, create(11, "/i"));
        assertNull(store.get(Table.RETRY_CACHE, key));
    }

    @Test
    void answersAreKeptForTheTtlTheirBatchCarries() {
        long shortTtl = 5_000;
        applier.apply(batch(1_000, create(7, "/f")).toBuilder().setRetryCacheTtlMs(shortTtl).build(), store, removed);
        byte[] key = RetryCache.cacheKey(client, 7);

        apply(1_000 + shortTtl + RetryCache.MAX_EXPIRY_STEP_MS, create(8, "/g"));

        assertNull(store.get(Table.RETRY_CACHE, key), "expired after the batch's own ttl, not the later batch's");
        assertNotNull(store.get(Table.RETRY_CACHE, RetryCache.cacheKey(client, 8)));
    }

    @Test
    void theFirstBatchFormatsTheRootWithTheBatchTime() {
        apply(123_456, create(1, "/f"));
        assertTrue(store.get(Table.INODES, ByteBuffer.allocate(8).putLong(1).array()) != null);
    }

    @Test
    void blocksRemovedBySuccessfulOpsAreCollectedInOpOrder() throws Exception {
        BlockProto f = writeFile(1, "/f", 10);
        BlockProto g = writeFile(4, "/g", 20);
        removed.clear();

        apply(2_000, delete(10, "/g"), delete(11, "/f"));

        assertEquals(List.of(g, f), removed);
    }

    @Test
    void aFailedOpReportsNoBlockAndItsNeighboursStillDo() throws Exception {
        BlockProto f = writeFile(1, "/f", 10);
        writeFile(4, "/d/g", 20);
        removed.clear();
        MetaOp denied = MetaOp.newBuilder().setClientId(client).setCallId(10).setUser("nobody")
                .setDelete(DeleteRequest.newBuilder().setPath("/d").setRecursive(true)).build();

        MetaBatchResult r = apply(2_000, denied, delete(11, "/f"));

        assertEquals(ErrorCode.PERMISSION_DENIED.number(), r.getResults(0).getError().getCode());
        assertEquals(List.of(f), removed);
    }

    @Test
    void aRetriedCallRemovesNothingAgain() throws Exception {
        writeFile(1, "/f", 10);
        apply(2_000, delete(10, "/f"));
        removed.clear();

        apply(2_500, delete(10, "/f"));

        assertTrue(removed.isEmpty());
    }

    @Test
    void aRetriedAppendGetsItsFirstAnswerNotAlreadyBeingCreated() throws Exception {
        writeFile(1, "/f", 10);
        MetaOpResult first = apply(2_000, append(10, "/f")).getResults(0);
        MetaOpResult retried = apply(2_500, append(10, "/f")).getResults(0);

        assertFalse(first.hasError());
        assertEquals(first, retried);
        assertTrue(AppendResponse.parseFrom(first.getResponse()).hasLast(), "10 bytes of a block: a partial block");
        assertEquals(ErrorCode.ALREADY_BEING_CREATED.number(),
                apply(3_000, append(11, "/f")).getResults(0).getError().getCode(), "a new call is not a retry");
    }
}
