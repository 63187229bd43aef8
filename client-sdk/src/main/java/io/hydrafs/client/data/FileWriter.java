package io.hydrafs.client.data;

import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;

import java.util.List;

/**
 * The bytes of one file being written, block after block: allocates blocks (addBlock) lazily
 * when the first byte of a block arrives, cuts them into packets ({@link PacketBuilder}),
 * sends them through a {@link BlockWriter}, ends a full block with its last packet and passes
 * it as {@code previous} to the next addBlock, and completes the file at the end.
 *
 * <p>Not thread-safe (the output stream serializes calls). A failure is final: the first
 * exception is kept and every later call fails with its code; connections are closed.
 */
public final class FileWriter {
    private static final long COMPLETE_FIRST_WAIT_MS = 100;

    private final String path;
    /** The file's inode id: the meta service finds the file by it even after a rename. */
    private final long fileId;
    private final String clientName;
    private final MetaClient meta;
    private final DataOptions options;
    private final long blockSize;
    private BlockProto previous;      // the last finished block, with its final length
    private PacketBuilder builder;    // the block being written, or null between blocks
    private BlockWriter writer;
    private HydraException failed;

    private FileWriter(String path, long fileId, String clientName, MetaClient meta, DataOptions options,
                       long blockSize, BlockProto previous) {
        this.path = path;
        this.fileId = fileId;
        this.clientName = clientName;
        this.meta = meta;
        this.options = options;
        this.blockSize = blockSize;
        this.previous = previous;
    }

    /** A writer of a file just created (no blocks), whose inode id create answered. */
    public static FileWriter forNewFile(String path, long fileId, String clientName, MetaClient meta,
                                        DataOptions options, long blockSize) throws HydraException {
        if (blockSize <= 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "block size of " + path + " is " + blockSize);
        }
        return new FileWriter(path, fileId, clientName, meta, options, blockSize, null);
    }

    /**
     * Reopens a closed file for appending: the meta service's append, then, when the last block
     * is partial, its replicas reopened with stage APPEND (the partial chunk at its end, read
     * from a replica first, is resent whole by the first packet, as data.proto requires).
     */
    public static FileWriter forAppend(String path, String clientName, MetaClient meta, DataOptions options)
            throws HydraException {
        // The stamp the replicas hold now and the tail bytes: known only before append changes the stamp.
        GetBlockLocationsResponse before = meta.getBlockLocations(path, 0, 0, options.clientNode());
        List<LocatedBlockProto> blocks = before.getBlocksList();
        LocatedBlockProto lastBefore = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        long blockSize = before.getStatus().getBlockSize();
        byte[] partialChunk = lastBefore == null ? new byte[0] : partialChunk(path, clientName, meta, options, lastBefore);
        AppendResponse answer = meta.append(path, clientName);
        if (answer.hasStatus() && answer.getStatus().getBlockSize() > 0) {
            blockSize = answer.getStatus().getBlockSize();
        }
        FileWriter w = new FileWriter(path, answer.getStatus().getInodeId(), clientName, meta, options, blockSize,
                lastBefore == null ? null : lastBefore.getBlock());
        if (answer.hasLast()) {
            LocatedBlockProto last = answer.getLast();
            if (lastBefore == null || last.getBlock().getBlockId() != lastBefore.getBlock().getBlockId()) {
                throw new HydraException(ErrorCode.INVALID_BLOCK, "append of " + path + " returned block "
                        + last.getBlock().getBlockId() + ", not the file's last block");
            }
            long bytes = last.getBlock().getNumBytes();
            if (bytes != lastBefore.getBlock().getNumBytes()) {
                throw new HydraException(ErrorCode.INVALID_BLOCK, "append of " + path + ": the last block has "
                        + bytes + " bytes, not " + lastBefore.getBlock().getNumBytes() + " as a moment ago");
            }
            w.builder = new PacketBuilder(blockSize, bytes, partialChunk);
            w.writer = BlockWriter.append(path, clientName, options, w.recoveries(), last,
                    lastBefore.getBlock().getGenerationStamp());
        }
        return w;
    }

    // The bytes of the last block's last, partial chunk: the first appended packet carries them again.
    private static byte[] partialChunk(String path, String clientName, MetaClient meta, DataOptions options,
                                       LocatedBlockProto last) throws HydraException {
        long bytes = last.getBlock().getNumBytes();
        byte[] tail = new byte[(int) (bytes % DataChecksums.BYTES_PER_CHUNK)];
        if (tail.length > 0) {
            try (FileReader reader = FileReader.open(path, clientName, meta, options)) {
                reader.readFully(last.getOffset() + bytes - tail.length, tail, 0, tail.length);
            }
        }
        return tail;
    }

    public void write(byte[] b, int off, int len) throws HydraException {
        checkUsable();
        try {
            while (len > 0) {
                if (builder == null) {
                    startBlock();
                }
                int n = builder.write(b, off, len);
                off += n;
                len -= n;
                if (builder.packetFull()) {
                    writer.send(builder.take(false));
                }
                if (builder.blockFull()) {
                    endBlock();
                }
            }
        } catch (HydraException | RuntimeException e) {
            throw failWith(e);
        }
    }

    /** hflush ({@code sync=false}) or hsync: sends what is buffered and waits for the pipeline's acks. */
    public void flush(boolean sync) throws HydraException {
        checkUsable();
        if (builder == null) {
            return;  // no block open: nothing unacked
        }
        try {
            if (builder.hasUnsent()) {
                writer.send(builder.take(sync));
            }
            writer.awaitAcked();
        } catch (HydraException | RuntimeException e) {
            throw failWith(e);
        }
    }

    /** Ends the current block (if any) and completes the file, retrying while the meta service is not ready. */
    public void close() throws HydraException {
        checkUsable();
        try {
            if (builder != null) {
                endBlock();
            }
            complete();
        } catch (HydraException | RuntimeException e) {
            throw failWith(e);
        } finally {
            abort();
        }
    }

    /** Drops the connections without completing (the file stays under construction until lease recovery). */
    public void abort() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        builder = null;
    }

    private void startBlock() throws HydraException {
        LocatedBlockProto block = addBlock(List.of());
        builder = new PacketBuilder(blockSize);
        writer = BlockWriter.create(path, clientName, options, recoveries(), block);
    }

    private void endBlock() throws HydraException {
        if (builder.hasUnsent()) {
            writer.send(builder.take(false));
        }
        long length = builder.bytesInBlock();
        writer.send(builder.lastPacket());
        writer.awaitAcked();
        previous = writer.block().toBuilder().setNumBytes(length).build();
        writer.close();
        writer = null;
        builder = null;
    }

    private LocatedBlockProto addBlock(List<String> excluded) throws HydraException {
        AddBlockRequest.Builder request = AddBlockRequest.newBuilder().setPath(path).setFileId(fileId)
                .setClientName(clientName)
                .addAllExcludedNodes(excluded).setClientNode(options.clientNode());
        if (previous != null) {
            request.setPrevious(previous);
        }
        return meta.addBlock(request.build()).getBlock();
    }

    private BlockWriter.Recoveries recoveries() {
        return new BlockWriter.Recoveries() {
            @Override
            public LocatedBlockProto updatePipeline(BlockProto block, List<String> survivors) throws HydraException {
                return meta.updatePipeline(path, fileId, clientName, block, survivors).getBlock();
            }

            @Override
            public LocatedBlockProto replaceBlock(LocatedBlockProto abandoned, List<String> excluded)
                    throws HydraException {
                meta.abandonBlock(path, fileId, clientName, abandoned.getBlock().toBuilder().setNumBytes(0).build());
                return addBlock(excluded);
            }
        };
    }

    // completed=false: the last block's replicas are not reported yet; ask again with backoff, as HDFS.
    private void complete() throws HydraException {
        long waitMs = COMPLETE_FIRST_WAIT_MS;
        for (int attempt = 1; ; attempt++) {
            if (meta.complete(path, fileId, clientName, previous).getCompleted()) {
                return;
            }
            if (attempt >= options.completeAttempts()) {
                throw new HydraException(ErrorCode.TIMEOUT, "could not complete " + path + " after " + attempt
                        + " attempts: the meta service has not seen enough replicas of its last block");
            }
            try {
                Thread.sleep(waitMs);  // a pause between attempts, not a wait for a condition we could observe
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HydraException(ErrorCode.IO_ERROR, "interrupted while completing " + path, e);
            }
            waitMs *= 2;
        }
    }

    private void checkUsable() throws HydraException {
        if (failed != null) {
            throw new HydraException(failed.code(), "stream to " + path + " failed earlier: " + failed.detail(), failed);
        }
    }

    private HydraException failWith(Exception e) {
        HydraException h = e instanceof HydraException he ? he
                : new HydraException(ErrorCode.INTERNAL, "writing " + path + ": " + e, e);
        failed = h;
        abort();
        return h;
    }
}
