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

import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The RPC methods blockstores call on every meta node (block.proto). Any node answers: each
 * keeps the soft state; only the leader's heartbeat answers carry orders.
 */
public final class BlockstoreService {
    private final BlockManager blocks;
    private final LongSupplier currentTerm;

    public BlockstoreService(BlockManager blocks, LongSupplier currentTerm) {
        this.blocks = blocks;
        this.currentTerm = currentTerm;
    }

    public void registerAll(BiConsumer<String, RpcHandler> register) {
        register.accept(BlockstoreMethods.HEARTBEAT, call -> handle(call, HeartbeatRequest.parser(), req -> {
            requireLocation(req.getBlockstore());
            return blocks.heartbeat(req, currentTerm.getAsLong());
        }));
        register.accept(BlockstoreMethods.FULL_BLOCK_REPORT, call -> handle(call, FullBlockReportRequest.parser(), req -> {
            requireLocation(req.getBlockstore());
            blocks.fullReport(req);
            return EmptyResponse.getDefaultInstance();
        }));
        register.accept(BlockstoreMethods.INCREMENTAL_BLOCK_REPORT, call -> handle(call,
                IncrementalBlockReportRequest.parser(), req -> {
                    requireLocation(req.getBlockstore());
                    blocks.incrementalReport(req);
                    return EmptyResponse.getDefaultInstance();
                }));
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
