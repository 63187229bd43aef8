package io.hydrafs.client.data;

import io.hydrafs.client.FileChecksum;
import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.data.BlockChecksumRequest;
import io.hydrafs.protocol.data.BlockChecksumResponse;
import io.hydrafs.protocol.data.Crc32cComposition;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.net.RpcErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Computes a {@link FileChecksum}: each block's CRC32C from one of its replicas (the data port's
 * {@code block_checksum}: the replica composes its stored chunk checksums, so no block data
 * travels), composed in file order. A replica that fails is skipped for the next one; a block
 * none of whose replicas answers fails the call with the replicas' errors.
 */
public final class FileChecksums {
    private static final Logger LOG = LoggerFactory.getLogger(FileChecksums.class);

    private FileChecksums() {
    }

    /**
     * The checksum of the first {@code limit} bytes of the file at {@code path} (all of them if it
     * is shorter): FILE_NOT_FOUND, IS_A_DIRECTORY... as getBlockLocations answers.
     */
    public static FileChecksum of(String path, long limit, MetaClient meta, DataOptions options)
            throws HydraException {
        if (limit < 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "checksum of " + limit + " bytes of " + path);
        }
        GetBlockLocationsResponse answer = meta.getBlockLocations(path, 0, 0, options.clientNode());
        FileStatusProto status = answer.getStatus(); // the meta service refuses directories
        long covered = Math.min(limit, status.getLength());
        long remaining = covered;
        int crc = Crc32cComposition.EMPTY;
        for (LocatedBlockProto block : answer.getBlocksList()) {
            if (remaining == 0) {
                break;
            }
            long bytes = Math.min(remaining, block.getBlock().getNumBytes());
            if (bytes == 0) {
                continue; // an empty block (one being written): nothing to sum
            }
            crc = Crc32cComposition.concat(crc, blockCrc(path, block, bytes, options), bytes);
            remaining -= bytes;
        }
        if (remaining != 0) {
            throw new HydraException(ErrorCode.BLOCK_MISSING, "the meta service lists blocks for "
                    + (covered - remaining) + " of the first " + covered + " bytes of " + path);
        }
        return new FileChecksum(crc, covered);
    }

    private static int blockCrc(String path, LocatedBlockProto block, long bytes, DataOptions options)
            throws HydraException {
        List<String> failures = new ArrayList<>();
        for (BlockstoreLocation replica : block.getLocationsList()) {
            try {
                BlockChecksumResponse r = ask(replica, block, bytes, options);
                if (r.getLength() != bytes) {
                    throw new HydraException(ErrorCode.MALFORMED_REQUEST, "checksum covers " + r.getLength()
                            + " bytes, " + bytes + " were asked");
                }
                return r.getCrc32C();
            } catch (HydraException e) {
                LOG.info("no checksum of block {} of {} from {}: {}", block.getBlock().getBlockId(), path,
                        replica.getId(), e.getMessage());
                failures.add(replica.getId() + ": " + e.getMessage());
            }
        }
        throw new HydraException(ErrorCode.BLOCK_MISSING, "no replica of block " + block.getBlock().getBlockId()
                + " of " + path + " gave its checksum" + (failures.isEmpty() ? " (none is listed)" : ": " + failures));
    }

    private static BlockChecksumResponse ask(BlockstoreLocation replica, LocatedBlockProto block, long bytes,
                                             DataOptions options) throws HydraException {
        CompletableFuture<DataHeader> answer = new CompletableFuture<>();
        try (DataConnection connection = DataConnection.connect(replica, options.connectTimeoutMs(),
                new DataConnection.Listener() {
                    @Override
                    public void frame(DataFrame frame) {
                        answer.complete(frame.header());
                        frame.release();
                    }

                    @Override
                    public void closed(String why) {
                        answer.completeExceptionally(new HydraException(ErrorCode.CONNECTION_FAILED,
                                "blockstore " + DataConnection.describe(replica) + " closed the connection: " + why));
                    }
                })) {
            connection.send(DataFrame.of(DataHeader.newBuilder().setBlockChecksum(BlockChecksumRequest.newBuilder()
                    .setBlock(block.getBlock().toBuilder().setNumBytes(bytes))).build()));
            DataHeader header = answer.get(options.ackTimeoutMs(), TimeUnit.MILLISECONDS);
            if (!header.hasBlockChecksumResponse()) {
                if (header.hasWriteBlockResponse() && header.getWriteBlockResponse().hasError()) {
                    throw RpcErrors.toException(header.getWriteBlockResponse().getError()); // refused
                }
                throw new HydraException(ErrorCode.MALFORMED_REQUEST, "answered " + header.getKindCase()
                        + " to a block checksum request");
            }
            BlockChecksumResponse response = header.getBlockChecksumResponse();
            if (response.hasError()) {
                throw RpcErrors.toException(response.getError());
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.IO_ERROR, "interrupted while asking for a block checksum", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof HydraException h ? h
                    : new HydraException(ErrorCode.IO_ERROR, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new HydraException(ErrorCode.TIMEOUT, "blockstore " + DataConnection.describe(replica)
                    + " gave no block checksum within " + options.ackTimeoutMs() + " ms");
        }
    }
}
