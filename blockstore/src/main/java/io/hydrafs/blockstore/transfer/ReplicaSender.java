package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.net.RpcEventLoops;
import com.google.protobuf.ByteString;
import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.blockstore.storage.ReplicaReader;
import io.hydrafs.blockstore.storage.ReplicaStore;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.data.WriteBlockRequest;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.data.WriteStage;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.List;

/**
 * Carries out a {@code ReplicateOrder}: copies a finalized local replica to a pipeline of target
 * blockstores with stage REPLICATE, as a writer would (packets of 64 KiB with the stored
 * checksums, then the empty last packet), and returns once every target acked the last packet,
 * i.e. finalized its copy. Blocking: run it on a worker thread, never on an event loop.
 *
 * <p>The stored checksums are sent as they are, without re-verifying the data here: each target
 * verifies every packet, so a replica that rotted on this disk fails the copy with
 * CHECKSUM_MISMATCH instead of spreading. At most {@link #WINDOW} packets are unacked at a time.
 *
 * <p>Failures are HydraExceptions: REPLICA_NOT_FOUND / STALE_GENERATION_STAMP / INVALID_BLOCK for
 * the local replica; for a target, its error code with the target named in the message
 * (CONNECTION_FAILED when it could not be reached, CHECKSUM_MISMATCH, DISK_FULL, ...); TIMEOUT
 * when a target stops answering. A failed copy leaves a replica being written on the targets that
 * the leader deletes later. Thread-safe.
 */
public final class ReplicaSender {
    /** Unacked packets at most (8 x 64 KiB in flight). */
    static final int WINDOW = 8;

    private final ReplicaStore store;
    private final RpcEventLoops loops;
    private final TransferSettings settings;
    private final String senderId;

    /** {@code senderId} is this blockstore's id, sent as the writer's name. The caller owns {@code loops}. */
    public ReplicaSender(ReplicaStore store, RpcEventLoops loops, TransferSettings settings, String senderId) {
        this.store = store;
        this.loops = loops;
        this.settings = settings;
        this.senderId = senderId;
    }

    /** Copies the local replica of {@code block} (id and stamp as ordered) to {@code targets}, in pipeline order. */
    public void replicate(BlockProto block, List<BlockstoreLocation> targets) throws HydraException {
        if (targets.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "replication of block " + block.getBlockId()
                    + " without targets");
        }
        ReplicaInfo info = store.replica(block.getBlockId()).orElseThrow(() -> new HydraException(
                ErrorCode.REPLICA_NOT_FOUND, "no replica of block " + block.getBlockId() + " to replicate"));
        if (!info.finalized()) {
            throw new HydraException(ErrorCode.INVALID_BLOCK, "replica of block " + block.getBlockId()
                    + " is not finalized");
        }
        try (ReplicaReader reader = store.openReplica(block.getBlockId(), block.getGenerationStamp())) {
            long length = reader.length();
            if (block.getNumBytes() != 0 && block.getNumBytes() != length) {
                throw new HydraException(ErrorCode.INVALID_BLOCK, "replica of block " + block.getBlockId() + " has "
                        + length + " bytes, the order says " + block.getNumBytes());
            }
            send(block, targets, reader, length);
        }
    }

    private void send(BlockProto block, List<BlockstoreLocation> targets, ReplicaReader reader, long length)
            throws HydraException {
        FrameQueue inbound = new FrameQueue();
        DataChannel channel;
        try {
            channel = DataChannel.connectBlocking(loops.group(), targets.get(0), settings, inbound);
        } catch (HydraException e) {
            throw targetFailed(block, targets, 0, e.code(), e.detail());
        }
        try {
            WriteBlockRequest request = WriteBlockRequest.newBuilder()
                    .setBlock(BlockProto.newBuilder().setBlockId(block.getBlockId())
                            .setGenerationStamp(block.getGenerationStamp()))
                    .setStage(WriteStage.REPLICATE)
                    .addAllDownstream(targets.subList(1, targets.size()))
                    .setClientName(senderId)
                    .build();
            channel.send(DataFrame.of(DataHeader.newBuilder().setWriteBlock(request).build()));
            WriteBlockResponse response = take(inbound, channel, "pipeline setup").getWriteBlockResponse();
            if (response.hasError()) {
                throw targetFailed(block, targets, response.getFailedIndex(),
                        ErrorCode.fromNumber(response.getError().getCode()), response.getError().getMessage());
            }
            long seqno = 0;
            long acked = 0;
            for (long offset = 0; offset < length; offset += DataChecksums.PACKET_DATA_BYTES) {
                int bytes = (int) Math.min(DataChecksums.PACKET_DATA_BYTES, length - offset);
                sendPacket(channel, reader, seqno++, offset, bytes);
                if (seqno - acked > WINDOW) {
                    checkAck(block, targets, take(inbound, channel, "ack").getAck(), acked++);
                }
            }
            channel.send(DataFrame.of(DataHeader.newBuilder().setPacket(Packet.newBuilder()
                    .setSeqno(seqno++).setOffsetInBlock(length).setLast(true)).build()));
            while (acked < seqno) {
                checkAck(block, targets, take(inbound, channel, "ack").getAck(), acked++);
            }
        } finally {
            channel.close();
            inbound.drain();
        }
    }

    private static void sendPacket(DataChannel channel, ReplicaReader reader, long seqno, long offset, int bytes)
            throws HydraException {
        ByteBuf data = Unpooled.buffer(bytes);
        try {
            reader.readData(offset, data.nioBuffer(0, bytes));
            data.writerIndex(bytes);
            // packets start at multiples of 64 KiB, so at chunk boundaries, as the receiver requires
            ByteString checksums = ByteString.copyFrom(reader.readChecksums(offset, bytes));
            Packet packet = Packet.newBuilder().setSeqno(seqno).setOffsetInBlock(offset).setChecksums(checksums).build();
            channel.send(new DataFrame(DataHeader.newBuilder().setPacket(packet).build(), data));
        } catch (HydraException | RuntimeException e) {
            data.release();
            throw e;
        }
    }

    private DataHeader take(FrameQueue inbound, DataChannel channel, String what) throws HydraException {
        DataHeader header = inbound.take(what + " from " + channel.remote(), settings.responseTimeoutMs());
        boolean expected = what.equals("ack") ? header.hasAck() : header.hasWriteBlockResponse();
        if (!expected) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "expected " + what + " from " + channel.remote()
                    + ", got " + header.getKindCase());
        }
        return header;
    }

    private static void checkAck(BlockProto block, List<BlockstoreLocation> targets, PacketAck ack, long expectedSeqno)
            throws HydraException {
        if (ack.getSeqno() != expectedSeqno) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "ack of seqno " + ack.getSeqno() + " while "
                    + expectedSeqno + " was next");
        }
        for (int i = 0; i < ack.getCodesCount(); i++) {
            if (ack.getCodes(i) != 0) {
                ErrorCode code = ErrorCode.fromNumber(ack.getCodes(i));
                throw targetFailed(block, targets, i, code, "packet " + ack.getSeqno() + " not stored");
            }
        }
        if (ack.getCodesCount() != targets.size()) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "ack of seqno " + ack.getSeqno() + " has "
                    + ack.getCodesCount() + " codes for " + targets.size() + " targets");
        }
    }

    private static HydraException targetFailed(BlockProto block, List<BlockstoreLocation> targets, int index,
                                               ErrorCode code, String detail) {
        String who = index < targets.size() ? DataChannel.describe(targets.get(index)) : "index " + index;
        return new HydraException(code, "replication of block " + block.getBlockId() + " to " + who
                + " (pipeline index " + index + ") failed: " + detail);
    }
}
