package io.hydrafs.client.data;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.ReadBlockRequest;
import io.hydrafs.protocol.data.ReadBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a range of one block from one replica: sends {@link ReadBlockRequest}, then hands out
 * the packets' bytes as the caller consumes them, each packet verified against its checksums
 * before any of its bytes is returned. At most {@code readBufferPackets} packets wait in memory;
 * the connection stops reading from the socket beyond that (backpressure).
 *
 * <p>Errors name the replica: the answer's error code (REPLICA_NOT_FOUND, STALE_GENERATION_STAMP...),
 * CHECKSUM_MISMATCH, CONNECTION_FAILED, TIMEOUT (no packet within the ack timeout), or
 * MALFORMED_REQUEST for a packet that does not fit the range. One caller thread.
 */
final class BlockReader implements AutoCloseable {
    private static final Object CLOSED = new Object();

    private final BlockstoreLocation replica;
    private final BlockProto block;
    private final DataOptions options;
    private final LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private DataConnection connection;
    private long replicaLength;
    private long end;           // block offset where this read ends
    private long position;      // block offset of the next byte to hand out
    /** The verified packet being consumed (released when used up or on close), or null. */
    private DataFrame current;
    private int currentFrom;
    private int currentTo;
    private boolean lastSeen;
    private volatile String closedWhy;
    private volatile boolean released;  // closed by its owner: frames still arriving are dropped

    private BlockReader(BlockstoreLocation replica, BlockProto block, DataOptions options, long offset) {
        this.replica = replica;
        this.block = block;
        this.options = options;
        this.position = offset;
    }

    /**
     * Opens a read of {@code [offset, offset + length)} of {@code block} on {@code replica};
     * {@code length} 0 = to the end of the replica. The range ends early if the replica is shorter.
     */
    static BlockReader open(BlockstoreLocation replica, BlockProto block, long offset, long length, String clientName,
                            DataOptions options) throws HydraException {
        BlockReader reader = new BlockReader(replica, block, options, offset);
        reader.start(offset, length, clientName);
        return reader;
    }

    private void start(long offset, long length, String clientName) throws HydraException {
        connection = DataConnection.connect(replica, options.connectTimeoutMs(), new DataConnection.Listener() {
            @Override
            public void frame(DataFrame frame) {
                arrived.add(frame);
                if (released) {
                    // close() may have drained the queue between the check and the add: drain again
                    dropQueuedFrames();
                }
            }

            @Override
            public void closed(String why) {
                closedWhy = why;
                arrived.add(CLOSED);
            }

            @Override
            public boolean wantsMore() {
                return arrived.size() < options.readBufferPackets();
            }
        });
        try {
            connection.send(DataFrame.of(DataHeader.newBuilder().setReadBlock(ReadBlockRequest.newBuilder()
                    .setBlock(block).setOffset(offset).setLength(length).setClientName(clientName)).build()));
            DataHeader first = next().header();
            if (!first.hasReadBlockResponse()) {
                throw error(ErrorCode.MALFORMED_REQUEST, "answered " + first.getKindCase() + " to a read request");
            }
            ReadBlockResponse answer = first.getReadBlockResponse();
            if (answer.hasError()) {
                throw error(ErrorCode.fromNumber(answer.getError().getCode()), answer.getError().getMessage());
            }
            if (answer.getChunkOffset() > offset) {
                throw error(ErrorCode.MALFORMED_REQUEST, "answer starts at " + answer.getChunkOffset()
                        + ", past the wanted offset " + offset);
            }
            replicaLength = answer.getReplicaLength();
            end = length == 0 ? replicaLength : Math.min(replicaLength, offset + length);
        } catch (HydraException | RuntimeException e) {
            close();
            throw e;
        }
    }

    BlockstoreLocation replica() {
        return replica;
    }

    /** Bytes the replica holds (its visible length while being written). */
    long replicaLength() {
        return replicaLength;
    }

    /** Block offset of the next byte {@link #read} returns. */
    long position() {
        return position;
    }

    /** Block offset where this read ends. */
    long end() {
        return end;
    }

    /** Up to {@code len} verified bytes; -1 at the end of the range. */
    int read(byte[] b, int off, int len) throws HydraException {
        if (len == 0) {
            return 0;
        }
        while (currentFrom == currentTo) {
            if (position >= end || lastSeen) {
                return -1;
            }
            nextPacket();
        }
        int n = Math.min(len, currentTo - currentFrom);
        // straight from the network buffer into the caller's array: one copy, no allocation
        current.payload().getBytes(currentFrom, b, off, n);
        currentFrom += n;
        position += n;
        if (currentFrom == currentTo) {
            releaseCurrent();
        }
        return n;
    }

    private void releaseCurrent() {
        if (current != null) {
            current.release();
            current = null;
        }
    }

    private void nextPacket() throws HydraException {
        releaseCurrent();
        DataFrame frame = next();
        boolean keep = false;
        try {
            DataHeader h = frame.header();
            if (!h.hasPacket()) {
                throw error(ErrorCode.MALFORMED_REQUEST, "sent " + h.getKindCase() + " instead of a packet");
            }
            Packet p = h.getPacket();
            DataChecksums.verify(frame.payload().nioBuffer(), p.getChecksums().asReadOnlyByteBuffer(),
                    p.getOffsetInBlock(), "block " + block.getBlockId() + " on " + DataConnection.describe(replica));
            int[] range = ReadPositions.usable(p.getOffsetInBlock(), frame.payload().readableBytes(), position, end);
            int base = frame.payload().readerIndex();
            currentFrom = base + range[0];
            currentTo = base + range[1];
            lastSeen = p.getLast();
            if (currentFrom < currentTo) {
                current = frame;
                keep = true;
            }
        } finally {
            if (!keep) {
                frame.release();
            }
        }
    }

    private DataFrame next() throws HydraException {
        Object o;
        try {
            o = arrived.poll(options.ackTimeoutMs(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(ErrorCode.IO_ERROR, "interrupted");
        }
        if (o == null) {
            throw error(ErrorCode.TIMEOUT, "sent nothing for " + options.ackTimeoutMs() + " ms");
        }
        if (o == CLOSED) {
            arrived.add(CLOSED);  // every later wait sees it too
            throw error(ErrorCode.CONNECTION_FAILED, "closed the connection: " + closedWhy);
        }
        if (arrived.size() < options.readBufferPackets()) {
            connection.readMore();
        }
        return (DataFrame) o;
    }

    private HydraException error(ErrorCode code, String message) {
        return new HydraException(code, "replica of block " + block.getBlockId() + " on "
                + DataConnection.describe(replica) + ": " + message);
    }

    @Override
    public void close() {
        released = true;
        releaseCurrent();
        if (connection != null) {
            connection.close();
        }
        dropQueuedFrames();
    }

    private void dropQueuedFrames() {
        Object o;
        while ((o = arrived.poll()) != null) {
            if (o instanceof DataFrame f) {
                f.release();
            }
        }
    }
}
