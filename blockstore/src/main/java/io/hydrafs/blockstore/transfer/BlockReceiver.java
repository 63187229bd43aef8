package io.hydrafs.blockstore.transfer;

import io.hydrafs.blockstore.storage.ReplicaWriter;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.WriteBlockRequest;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.net.RpcErrors;
import io.hydrafs.protocol.rpc.RpcError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * One node of a write pipeline: receives a block from upstream (the client or the previous
 * blockstore), writes it to its replica and relays it downstream.
 *
 * <p>Protocol (data.proto): the first frame is a {@link WriteBlockRequest}. This node opens its
 * replica by stage (CREATE and REPLICATE create it, APPEND and RECOVER_PIPELINE reopen it under
 * the new stamp, dropping bytes beyond {@code block.num_bytes}), then connects to the first
 * downstream node and forwards the request without that node's entry. Only when the downstream
 * answered does it answer upstream, so one {@link WriteBlockResponse} describes the whole
 * pipeline below: {@code failed_index} 0 is this node, k + 1 is the downstream's index k, and a
 * downstream that cannot be reached is index 1 with CONNECTION_FAILED. The writer waits for that
 * answer before its first packet; a packet before it is a protocol violation.
 *
 * <p>Each packet is forwarded downstream as soon as it arrives and, in parallel, verified and
 * written on this connection's serial disk queue. A checksum mismatch is not written and is
 * answered CHECKSUM_MISMATCH in this node's ack slot (the writer resends from its unacked
 * queue); a packet that then starts beyond the bytes on disk, because an earlier one was
 * rejected so, is refused with the same code rather than making a hole. The ack goes upstream
 * only after the downstream acked the same packet (see {@link PacketAcks}), in arrival order.
 * {@code sync} forces the replica to disk before the ack; the empty {@code last} packet
 * finalizes the replica before its ack, after which the connection is closed.
 *
 * <p>Failures: a lost downstream is reported as CONNECTION_FAILED at index 1 in every ack that
 * still needed it, and nothing more is forwarded; this node goes on writing. When the upstream
 * connection ends without the last packet, the writer is closed and the replica stays being
 * written (lease or pipeline recovery deals with it).
 *
 * <p>Threads: all fields except {@link #writer} and {@link #gapFromRejectedPacket} belong to the
 * connection's event loop (the downstream connection uses the same loop); those two belong to
 * the disk queue. Backpressure: reading from upstream pauses while {@code maxQueuedPackets}
 * packets wait for the disk or while the downstream connection is not writable.
 */
final class BlockReceiver extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BlockReceiver.class);

    private enum State { SETTING_UP, RECEIVING, ENDED }

    private final TransferContext context;
    private final SerialExecutor disk;
    private ChannelHandlerContext ctx;
    private State state = State.SETTING_UP;
    private String what = "block write";
    private DataChannel downstream;
    private PacketAcks acks;
    private int queuedPackets;
    private boolean sawLast;
    private boolean counted;

    // owned by the disk queue
    private ReplicaWriter writer;
    private boolean gapFromRejectedPacket;

    BlockReceiver(TransferContext context) {
        this.context = context;
        this.disk = context.newDiskQueue();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Handles the connection's first frame. On the event loop. */
    void begin(WriteBlockRequest request) {
        context.transfersInProgress().incrementAndGet();
        counted = true;
        what = "write of block " + request.getBlock().getBlockId() + " (" + request.getStage() + ")";
        ctx.channel().config().setAutoRead(false);
        try {
            validate(request);
        } catch (HydraException e) {
            setupFailed(RpcErrors.toRpcError(e), 0);
            return;
        }
        disk.execute(() -> {
            try {
                writer = open(request);
                onLoop(() -> replicaOpened(request));
            } catch (Throwable t) {
                LOG.debug("{}: cannot open the replica: {}", what, t.toString());
                onLoop(() -> setupFailed(TransferErrors.toRpcError(t), 0));
            }
        });
    }

    private static void validate(WriteBlockRequest request) throws HydraException {
        if (!request.hasBlock()) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "write request without a block");
        }
        switch (request.getStage()) {
            case CREATE, REPLICATE -> { }
            case APPEND, RECOVER_PIPELINE -> {
                if (request.getOldGenerationStamp() == 0) {
                    throw new HydraException(ErrorCode.MALFORMED_REQUEST, request.getStage() + " without old_generation_stamp");
                }
            }
            default -> throw new HydraException(ErrorCode.MALFORMED_REQUEST, "write stage " + request.getStage());
        }
        for (BlockstoreLocation target : request.getDownstreamList()) {
            if (target.getHost().isEmpty() || target.getDataPort() == 0 || target.getDataPort() > 65_535) {
                throw new HydraException(ErrorCode.MALFORMED_REQUEST, "downstream without an address: " + target);
            }
        }
    }

    private ReplicaWriter open(WriteBlockRequest request) throws HydraException {
        return switch (request.getStage()) {
            case CREATE, REPLICATE -> context.store().createReplica(request.getBlock());
            case APPEND, RECOVER_PIPELINE -> context.store().reopenReplica(request.getBlock().getBlockId(),
                    request.getOldGenerationStamp(), request.getBlock().getGenerationStamp(),
                    request.getBlock().getNumBytes());
            default -> throw new IllegalStateException("invariant violated: validated stage " + request.getStage());
        };
    }

    private void replicaOpened(WriteBlockRequest request) {
        if (state != State.SETTING_UP) {
            return; // upstream went away; the disk queue closes the writer
        }
        if (request.getDownstreamCount() == 0) {
            ready();
            return;
        }
        BlockstoreLocation next = request.getDownstream(0);
        WriteBlockRequest forwarded = request.toBuilder().clearDownstream()
                .addAllDownstream(request.getDownstreamList().subList(1, request.getDownstreamCount())).build();
        DataChannel.connect(ctx.channel().eventLoop(), next, context.settings(), new Downstream())
                .whenComplete((channel, failure) -> onLoop(() -> {
                    if (failure != null) {
                        setupFailed(TransferErrors.toRpcError(failure), 1);
                    } else if (state != State.SETTING_UP) {
                        channel.close();
                    } else {
                        downstream = channel;
                        channel.send(DataFrame.of(DataHeader.newBuilder().setWriteBlock(forwarded).build()));
                    }
                }));
    }

    private void ready() {
        acks = new PacketAcks(downstream != null);
        state = State.RECEIVING;
        respond(WriteBlockResponse.getDefaultInstance());
        updateAutoRead();
    }

    private void setupFailed(RpcError error, int failedIndex) {
        if (state != State.SETTING_UP) {
            return;
        }
        state = State.ENDED;
        LOG.debug("{}: pipeline setup failed at index {}: {}", what, failedIndex, error.getMessage());
        respond(WriteBlockResponse.newBuilder().setError(error).setFailedIndex(failedIndex).build())
                .addListener(ChannelFutureListener.CLOSE);
        closeDownstream();
    }

    private io.netty.channel.ChannelFuture respond(WriteBlockResponse response) {
        return ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setWriteBlockResponse(response).build()));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DataFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        String violation = checkPacket(frame);
        if (violation != null) {
            frame.release();
            if (state != State.ENDED) {
                LOG.warn("{}: closing: {}", what, violation);
                state = State.ENDED;
                ctx.close();
            }
            return;
        }
        Packet packet = frame.header().getPacket();
        acks.arrived(packet.getSeqno(), packet.getLast());
        if (acks.forwarding()) {
            downstream.send(new DataFrame(frame.header(), frame.payload().retainedDuplicate()));
        }
        sawLast = packet.getLast();
        queuedPackets++;
        updateAutoRead();
        disk.execute(() -> {
            int code;
            try {
                code = store(packet, frame.payload());
            } finally {
                frame.release();
            }
            onLoop(() -> {
                queuedPackets--;
                updateAutoRead();
                emit(acks.ownResult(code));
            });
        });
    }

    /** Why the frame cannot be taken as the next packet, or null. */
    private String checkPacket(DataFrame frame) {
        if (state != State.RECEIVING) {
            return "frame " + frame.header().getKindCase() + " while " + state;
        }
        if (!frame.header().hasPacket()) {
            return "frame " + frame.header().getKindCase() + " instead of a packet";
        }
        if (sawLast) {
            return "packet after the last packet";
        }
        Packet p = frame.header().getPacket();
        int bytes = frame.payload().readableBytes();
        if (p.getLast()) {
            // the empty last packet carries no data, so its offset (the block's end) needs no alignment
            return bytes == 0 ? null : "last packet with data";
        }
        if (p.getOffsetInBlock() % DataChecksums.BYTES_PER_CHUNK != 0) {
            return "packet at offset " + p.getOffsetInBlock() + ", not a chunk boundary";
        }
        if (bytes > DataChecksums.PACKET_DATA_BYTES) {
            return "packet of " + bytes + " bytes";
        }
        if (p.getChecksums().size() != DataChecksums.chunks(bytes) * DataChecksums.CHECKSUM_BYTES) {
            return "packet of " + bytes + " bytes with " + p.getChecksums().size() + " checksum bytes";
        }
        return null;
    }

    /** Verifies and writes one packet; its ack code for this node. On the disk queue. */
    private int store(Packet packet, io.netty.buffer.ByteBuf payload) {
        try {
            if (packet.getLast()) {
                // Senders do not wait for earlier acks before the last packet: a packet refused
                // on the way (a checksum mismatch, and the refused ones after its gap) must not
                // let the replica be finished short of the block's end.
                if (packet.getOffsetInBlock() != writer.bytesOnDisk()) {
                    ErrorCode code = gapFromRejectedPacket ? ErrorCode.CHECKSUM_MISMATCH : ErrorCode.INVALID_ARGUMENT;
                    LOG.debug("{}: last packet at {} with {} bytes on disk: not finalized ({})", what,
                            packet.getOffsetInBlock(), writer.bytesOnDisk(), code);
                    return code.number();
                }
                if (packet.getSync()) {
                    writer.sync();
                }
                writer.finalizeReplica();
                return 0;
            }
            ByteBuffer data = payload.nioBuffer();
            ByteBuffer checksums = packet.getChecksums().asReadOnlyByteBuffer();
            long offset = packet.getOffsetInBlock();
            try {
                DataChecksums.verify(data, checksums, offset, what);
            } catch (HydraException e) {
                if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
                    gapFromRejectedPacket = true;
                }
                LOG.debug("{}: packet {} refused: {}", what, packet.getSeqno(), e.getMessage());
                return e.code().number();
            }
            if (offset > writer.bytesOnDisk()) {
                ErrorCode code = gapFromRejectedPacket ? ErrorCode.CHECKSUM_MISMATCH : ErrorCode.INVALID_ARGUMENT;
                LOG.debug("{}: packet {} at {} beyond {} bytes on disk: {}", what, packet.getSeqno(), offset,
                        writer.bytesOnDisk(), code);
                return code.number();
            }
            writer.write(offset, data, checksums);
            gapFromRejectedPacket = false;
            if (packet.getSync()) {
                writer.sync();
            }
            return 0;
        } catch (Throwable t) {
            LOG.debug("{}: packet {} failed: {}", what, packet.getSeqno(), t.toString());
            return TransferErrors.code(t);
        }
    }

    private void emit(List<PacketAcks.Ready> ready) {
        for (PacketAcks.Ready r : ready) {
            ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setAck(r.ack()).build()));
            if (r.last()) {
                // the writer closes the connection once it has read this ack: closing here could
                // reach the writer before the ack does and look like a failed pipeline
                state = State.ENDED;
            }
        }
    }

    private void updateAutoRead() {
        boolean read = state == State.RECEIVING && queuedPackets < context.settings().maxQueuedPackets()
                && (downstream == null || downstream.isWritable());
        ctx.channel().config().setAutoRead(read);
    }

    private void loseDownstream(HydraException why) {
        if (downstream == null) {
            return;
        }
        LOG.debug("{}: downstream {} lost: {}", what, downstream.remote(), why.getMessage());
        closeDownstream();
        if (acks != null) {
            emit(acks.downstreamLost());
        }
        updateAutoRead();
    }

    private void closeDownstream() {
        if (downstream != null) {
            downstream.close();
            downstream = null;
        }
    }

    private void onLoop(Runnable task) {
        try {
            ctx.channel().eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: event loop shut down, dropping a completion", what);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: closing after {}", what, cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state != State.ENDED) {
            LOG.debug("{}: upstream closed before the last packet", what);
        }
        state = State.ENDED;
        closeDownstream();
        disk.execute(() -> {
            if (writer != null) {
                writer.close(); // a no-op after finalizeReplica; otherwise the replica stays being written
            }
        });
        if (counted) {
            counted = false;
            context.transfersInProgress().decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    /** The connection to the next node of the pipeline; its callbacks run on this connection's loop. */
    private final class Downstream implements DataChannel.Inbound {
        @Override
        public void frame(DataFrame frame) {
            try {
                DataHeader header = frame.header();
                if (state == State.SETTING_UP && header.hasWriteBlockResponse()) {
                    WriteBlockResponse response = header.getWriteBlockResponse();
                    if (response.hasError()) {
                        setupFailed(response.getError(), response.getFailedIndex() + 1);
                    } else {
                        ready();
                    }
                } else if (state == State.RECEIVING && header.hasAck()) {
                    emit(acks.downstreamAck(header.getAck()));
                } else if (state == State.SETTING_UP) {
                    setupFailed(RpcErrors.toRpcError(ErrorCode.MALFORMED_REQUEST,
                            "downstream answered " + header.getKindCase()), 1);
                } else if (state == State.RECEIVING) {
                    loseDownstream(new HydraException(ErrorCode.MALFORMED_REQUEST,
                            "downstream sent " + header.getKindCase()));
                }
            } catch (HydraException e) {
                loseDownstream(e);
            } finally {
                frame.release();
            }
        }

        @Override
        public void closed(HydraException why) {
            if (state == State.SETTING_UP) {
                setupFailed(RpcErrors.toRpcError(why), 1);
            } else {
                loseDownstream(why);
            }
        }

        @Override
        public void writabilityChanged(boolean writable) {
            updateAutoRead();
        }
    }
}
