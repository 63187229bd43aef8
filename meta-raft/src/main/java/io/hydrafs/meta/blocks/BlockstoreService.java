package io.hydrafs.meta.blocks;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.hydrafs.protocol.block.BlockstoreMethods;
import io.hydrafs.protocol.block.FullBlockReportRequest;
import io.hydrafs.protocol.block.HeartbeatRequest;
import io.hydrafs.protocol.block.IncrementalBlockReportRequest;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.net.RpcCall;
import io.hydrafs.protocol.net.RpcHandler;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The RPC methods blockstores call on every meta node (block.proto). Any node answers: each
 * keeps the soft state; only the leader's heartbeat answers carry orders.
 *
 * <p>Heartbeats and incremental reports are small and run on the RPC I/O thread. A full report
 * can name millions of replicas: it is parsed and applied on {@code reportExecutor} (as HDFS's
 * NameNode queues block reports for one processing thread), so that the I/O thread keeps
 * serving the clients that share it.
 */
public final class BlockstoreService {
    /** Full reports waiting beyond this many are refused NOT_READY; the blockstore sends it again. */
    public static final int MAX_QUEUED_FULL_REPORTS = 16;

    private final BlockManager blocks;
    private final LongSupplier currentTerm;
    private final Executor reportExecutor;

    public BlockstoreService(BlockManager blocks, LongSupplier currentTerm, Executor reportExecutor) {
        this.blocks = blocks;
        this.currentTerm = currentTerm;
        this.reportExecutor = reportExecutor;
    }

    /** The executor a meta node gives this service: one thread, at most {@link #MAX_QUEUED_FULL_REPORTS} waiting. */
    public static ExecutorService newReportExecutor(ThreadFactory threads) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_FULL_REPORTS), threads);
    }

    public void registerAll(BiConsumer<String, RpcHandler> register) {
        register.accept(BlockstoreMethods.HEARTBEAT, call -> handle(call, HeartbeatRequest.parser(), req -> {
            requireLocation(req.getBlockstore());
            return blocks.heartbeat(req, currentTerm.getAsLong());
        }));
        register.accept(BlockstoreMethods.FULL_BLOCK_REPORT, call -> onReportThread(() -> handle(call,
                FullBlockReportRequest.parser(), req -> {
                    requireLocation(req.getBlockstore());
                    blocks.fullReport(req);
                    return EmptyResponse.getDefaultInstance();
                })));
        register.accept(BlockstoreMethods.INCREMENTAL_BLOCK_REPORT, call -> handle(call,
                IncrementalBlockReportRequest.parser(), req -> {
                    requireLocation(req.getBlockstore());
                    blocks.incrementalReport(req);
                    return EmptyResponse.getDefaultInstance();
                }));
    }

    private CompletableFuture<com.google.protobuf.Message> onReportThread(
            Supplier<CompletableFuture<com.google.protobuf.Message>> work) {
        try {
            return CompletableFuture.supplyAsync(work, reportExecutor).thenCompose(answer -> answer);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new HydraException(ErrorCode.NOT_READY,
                    "this meta node is busy with other blockstores' full reports; send it again shortly"));
        }
    }

    @FunctionalInterface
    private interface Body<Q> {
        com.google.protobuf.Message apply(Q request) throws HydraException;
    }

    private static <Q> CompletableFuture<com.google.protobuf.Message> handle(RpcCall call, Parser<Q> parser, Body<Q> body) {
        try {
            Q request;
            try {
                request = parser.parseFrom(call.payload());
            } catch (InvalidProtocolBufferException e) {
                throw new HydraException(ErrorCode.MALFORMED_REQUEST, call.method() + ": " + e.getMessage());
            }
            return CompletableFuture.completedFuture(body.apply(request));
        } catch (HydraException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void requireLocation(BlockstoreLocation l) throws HydraException {
        if (l.getId().isEmpty() || l.getHost().isEmpty() || l.getDataPort() == 0 || l.getDataPort() > 65_535) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "a blockstore must state its id, host and data port");
        }
    }
}
