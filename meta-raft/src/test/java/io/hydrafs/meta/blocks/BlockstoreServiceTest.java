package io.hydrafs.meta.blocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.hydrafs.protocol.block.BlockstoreMethods;
import io.hydrafs.protocol.block.FullBlockReportRequest;
import io.hydrafs.protocol.block.HeartbeatRequest;
import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.net.RpcCall;
import io.hydrafs.protocol.net.RpcHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockstoreServiceTest {
    private static final BlockstoreLocation A = BlockstoreLocation.newBuilder().setId("a").setHost("127.0.0.1")
            .setDataPort(1000).build();

    private final AtomicLong clock = new AtomicLong(10_000);
    private final BlockManager blocks = new BlockManager(new BlockPlacementPolicy(new Random(3)), clock::get,
            1_000, 5_000, 0, 10, 10_000);
    /** The report thread, run by hand: nothing in it runs until the test says so. */
    private final Queue<Runnable> reportThread = new ArrayDeque<>();

    private Map<String, RpcHandler> handlers(java.util.concurrent.Executor reportExecutor) {
        Map<String, RpcHandler> handlers = new HashMap<>();
        new BlockstoreService(blocks, () -> 1L, reportExecutor).registerAll(handlers::put);
        return handlers;
    }

    private static RpcCall call(String method, Message request) {
        return call(method, request.toByteString());
    }

    private static RpcCall call(String method, ByteString payload) {
        return new RpcCall(1, ByteString.copyFromUtf8("bs-a"), "hydra", List.of(), method, payload, "127.0.0.1:1");
    }

    private static FullBlockReportRequest fullReportOf(long... blockIds) {
        FullBlockReportRequest.Builder r = FullBlockReportRequest.newBuilder().setBlockstore(A).setStartTimeMs(1);
        for (long id : blockIds) {
            r.addReplicas(ReplicaReport.newBuilder().setState(ReplicaState.FINALIZED)
                    .setBlock(BlockProto.newBuilder().setBlockId(id).setGenerationStamp(1)));
        }
        return r.build();
    }

    private static HydraException failure(CompletableFuture<? extends Message> answer) {
        CompletionException e = assertThrows(CompletionException.class, answer::join);
        return assertInstanceOf(HydraException.class, e.getCause());
    }

    @Test
    void aFullReportIsAppliedOnTheReportThreadWhileHeartbeatsAreAnsweredAtOnce() throws Exception {
        Map<String, RpcHandler> handlers = handlers(reportThread::add);

        CompletableFuture<? extends Message> report = handlers.get(BlockstoreMethods.FULL_BLOCK_REPORT)
                .handle(call(BlockstoreMethods.FULL_BLOCK_REPORT, fullReportOf(7, 8)));
        CompletableFuture<? extends Message> heartbeat = handlers.get(BlockstoreMethods.HEARTBEAT)
                .handle(call(BlockstoreMethods.HEARTBEAT, HeartbeatRequest.newBuilder().setBlockstore(A)
                        .setStartTimeMs(1).build()));

        assertTrue(heartbeat.isDone(), "a heartbeat does not wait behind a full report");
        assertFalse(report.isDone(), "the calling (I/O) thread only queued the report");
        assertEquals(0, blocks.reportedBlockstores());

        reportThread.remove().run();
        report.get(1, TimeUnit.SECONDS);
        assertEquals(1, blocks.reportedBlockstores());
        assertEquals(java.util.Set.of("a"), blocks.replicaHolders(7));
    }

    @Test
    void aFullReportThatFindsTheQueueFullIsRefusedNotReadyAndChangesNothing() {
        Map<String, RpcHandler> handlers = handlers(task -> {
            throw new RejectedExecutionException("full");
        });

        HydraException refused = failure(handlers.get(BlockstoreMethods.FULL_BLOCK_REPORT)
                .handle(call(BlockstoreMethods.FULL_BLOCK_REPORT, fullReportOf(7))));

        assertEquals(ErrorCode.NOT_READY, refused.code());
        assertTrue(refused.code().retryable());
        assertEquals(java.util.Set.of(), blocks.replicaHolders(7));
    }

    @Test
    void aMalformedFullReportIsAnsweredMalformedFromTheReportThread() {
        Map<String, RpcHandler> handlers = handlers(reportThread::add);

        CompletableFuture<? extends Message> report = handlers.get(BlockstoreMethods.FULL_BLOCK_REPORT)
                .handle(call(BlockstoreMethods.FULL_BLOCK_REPORT, ByteString.copyFrom(new byte[] {(byte) 0xff, 1, 2})));
        reportThread.remove().run();

        assertEquals(ErrorCode.MALFORMED_REQUEST, failure(report).code());
    }

    @Test
    void theNodesReportExecutorHoldsABoundedQueueBehindOneThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        ExecutorService executor = BlockstoreService.newReportExecutor(r -> {
            Thread t = new Thread(r, "test-block-reports");
            t.setDaemon(true);
            return t;
        });
        try {
            executor.execute(() -> {
                running.countDown();
                awaitQuietly(release);
            });
            assertTrue(running.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < BlockstoreService.MAX_QUEUED_FULL_REPORTS; i++) {
                executor.execute(() -> { });
            }
            assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        } finally {
            release.countDown();
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
