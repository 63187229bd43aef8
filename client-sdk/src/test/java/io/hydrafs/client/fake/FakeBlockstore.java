package io.hydrafs.client.fake;

import com.google.protobuf.ByteString;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataFrameCodec;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.data.ReadBlockRequest;
import io.hydrafs.protocol.data.ReadBlockResponse;
import io.hydrafs.protocol.data.WriteBlockRequest;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.rpc.RpcError;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory blockstore data port on 127.0.0.1 (ephemeral port) speaking data.proto, for
 * client tests. Writes run in single-node mode: the request's downstream nodes are not
 * contacted, their ack codes are 0 unless a fault says otherwise. Replicas keep id, stamp, bytes
 * and whether they are finalized; packets are checksum-verified and written at their offset
 * (overlap rewritten, as the contract says). Reads send packets of up to 64 KiB from the chunk
 * boundary at or below the wanted offset.
 *
 * <p>Faults: close a write connection after N packets, or right after acking its last packet; answer CHECKSUM_MISMATCH once for a
 * seqno; report a downstream node failed in an ack; corrupt a byte of every packet read; refuse
 * to read. Records every write request. {@link #close()} frees the port and the thread.
 */
public final class FakeBlockstore implements AutoCloseable {
    /** A replica as this fake holds it. */
    public record Replica(long stamp, byte[] bytes, boolean finalized) {
    }

    private final String id;
    private final MultiThreadIoEventLoopGroup group;
    private final Channel server;
    private final BlockstoreLocation location;
    private final Map<Long, Replica> replicas = new ConcurrentHashMap<>();
    private final Queue<WriteBlockRequest> writeRequests = new ConcurrentLinkedQueue<>();
    private final Set<Long> mismatchOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dropAfterPackets = new AtomicInteger(-1);
    private final AtomicInteger reads = new AtomicInteger();
    private volatile int failNodeIndex = -1;
    private volatile long failNodeAtSeqno;
    private volatile boolean corruptReads;
    private volatile boolean closeAfterLastAck;

    public FakeBlockstore(String id) throws InterruptedException {
        this.id = id;
        this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DataFrameCodec.install(ch.pipeline(), DataFrameCodec.DEFAULT_MAX_FRAME_BYTES);
                        ch.pipeline().addLast(new Connection());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        this.location = BlockstoreLocation.newBuilder().setId(id).setHost("127.0.0.1")
                .setDataPort(((InetSocketAddress) server.localAddress()).getPort()).build();
    }

    public String id() {
        return id;
    }

    public BlockstoreLocation location() {
        return location;
    }

    // ---- state ----

    public Replica replica(long blockId) {
        return replicas.get(blockId);
    }

    public void putReplica(long blockId, long stamp, byte[] bytes) {
        replicas.put(blockId, new Replica(stamp, bytes.clone(), true));
    }

    public List<WriteBlockRequest> writeRequests() {
        return List.copyOf(writeRequests);
    }

    /** Read requests answered so far. */
    public int reads() {
        return reads.get();
    }

    // ---- faults ----

    /** The next write connection is closed when its packet number {@code n + 1} arrives (unacked). */
    public void dropConnectionAfterPackets(int n) {
        dropAfterPackets.set(n);
    }

    /** The packet with this seqno is answered CHECKSUM_MISMATCH (not written) the first time it comes. */
    public void checksumMismatchOnce(long seqno) {
        mismatchOnce.add(seqno);
    }

    /** The ack of the packet with this seqno reports pipeline node {@code index} (a downstream one) failed. */
    public void failNodeInAck(int index, long seqno) {
        failNodeAtSeqno = seqno;
        failNodeIndex = index;
    }

    /** Every write connection is closed right after the ack of its block's last packet (a node stopping then). */
    public void closeAfterLastAck() {
        closeAfterLastAck = true;
    }

    /** Every packet read from here has one byte flipped (after its checksums were computed). */
    public void corruptReads(boolean corrupt) {
        corruptReads = corrupt;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    // ---- the protocol ----

    private final class Connection extends SimpleChannelInboundHandler<DataFrame> {
        private long blockId = -1;
        private int pipelineSize;
        private int packets;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DataFrame frame) {
            DataHeader h = frame.header();
            switch (h.getKindCase()) {
                case WRITE_BLOCK -> startWrite(ctx, h.getWriteBlock());
                case PACKET -> packet(ctx, h.getPacket(), frame);
                case READ_BLOCK -> read(ctx, h.getReadBlock());
                default -> ctx.close();
            }
        }

        private void startWrite(ChannelHandlerContext ctx, WriteBlockRequest request) {
            writeRequests.add(request);
            long block = request.getBlock().getBlockId();
            long stamp = request.getBlock().getGenerationStamp();
            Replica existing = replicas.get(block);
            ErrorCode error = null;
            switch (request.getStage()) {
                case CREATE -> replicas.put(block, new Replica(stamp, new byte[0], false));
                case APPEND, RECOVER_PIPELINE -> {
                    if (existing == null) {
                        error = ErrorCode.REPLICA_NOT_FOUND;
                    } else if (existing.stamp() != request.getOldGenerationStamp()) {
                        error = ErrorCode.STALE_GENERATION_STAMP;
                    } else {
                        int keep = (int) Math.min(existing.bytes().length, request.getBlock().getNumBytes());
                        replicas.put(block, new Replica(stamp, Arrays.copyOf(existing.bytes(), keep), false));
                    }
                }
                default -> error = ErrorCode.INVALID_ARGUMENT;
            }
            WriteBlockResponse.Builder answer = WriteBlockResponse.newBuilder();
            if (error != null) {
                answer.setError(RpcError.newBuilder().setCode(error.number()).setMessage(error + " at " + id));
            }
            blockId = block;
            pipelineSize = 1 + request.getDownstreamCount();
            ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setWriteBlockResponse(answer).build()));
        }

        private void packet(ChannelHandlerContext ctx, Packet p, DataFrame frame) {
            packets++;
            int drop = dropAfterPackets.get();
            if (drop >= 0 && packets > drop && dropAfterPackets.compareAndSet(drop, -1)) {
                ctx.close();
                return;
            }
            int[] codes = new int[pipelineSize];
            byte[] data = new byte[frame.payload().readableBytes()];
            frame.payload().getBytes(frame.payload().readerIndex(), data);
            if (mismatchOnce.remove(p.getSeqno())) {
                codes[0] = ErrorCode.CHECKSUM_MISMATCH.number();
            } else {
                codes[0] = write(p, data);
            }
            if (failNodeIndex > 0 && failNodeIndex < pipelineSize && p.getSeqno() == failNodeAtSeqno) {
                codes[failNodeIndex] = ErrorCode.CONNECTION_FAILED.number();
                failNodeIndex = -1;
            }
            PacketAck.Builder ack = PacketAck.newBuilder().setSeqno(p.getSeqno());
            for (int c : codes) {
                ack.addCodes(c);
            }
            var sent = ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setAck(ack).build()));
            if (p.getLast() && closeAfterLastAck) {
                sent.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private int write(Packet p, byte[] data) {
            try {
                DataChecksums.verify(ByteBuffer.wrap(data), p.getChecksums().asReadOnlyByteBuffer(),
                        p.getOffsetInBlock(), "packet " + p.getSeqno());
            } catch (HydraException e) {
                return e.code().number();
            }
            Replica r = replicas.get(blockId);
            if (r == null || r.finalized()) {
                return ErrorCode.REPLICA_NOT_FOUND.number();
            }
            if (p.getLast()) {
                replicas.put(blockId, new Replica(r.stamp(), r.bytes(), true));
                return 0;
            }
            if (p.getOffsetInBlock() > r.bytes().length || p.getOffsetInBlock() % DataChecksums.BYTES_PER_CHUNK != 0) {
                return ErrorCode.INVALID_ARGUMENT.number();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(r.bytes(), 0, (int) p.getOffsetInBlock());
            out.write(data, 0, data.length);
            replicas.put(blockId, new Replica(r.stamp(), out.toByteArray(), false));
            return 0;
        }

        private void read(ChannelHandlerContext ctx, ReadBlockRequest request) {
            reads.incrementAndGet();
            Replica r = replicas.get(request.getBlock().getBlockId());
            ReadBlockResponse.Builder answer = ReadBlockResponse.newBuilder();
            if (r == null || r.stamp() != request.getBlock().getGenerationStamp()) {
                ErrorCode code = r == null ? ErrorCode.REPLICA_NOT_FOUND : ErrorCode.STALE_GENERATION_STAMP;
                answer.setError(RpcError.newBuilder().setCode(code.number()).setMessage(code + " at " + id));
                ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setReadBlockResponse(answer).build()));
                return;
            }
            byte[] bytes = r.bytes();
            long offset = Math.min(request.getOffset(), bytes.length);
            long start = offset - offset % DataChecksums.BYTES_PER_CHUNK;
            long end = request.getLength() == 0 ? bytes.length : Math.min(bytes.length, offset + request.getLength());
            answer.setChunkOffset(start).setReplicaLength(bytes.length);
            ctx.write(DataFrame.of(DataHeader.newBuilder().setReadBlockResponse(answer).build()));
            long seqno = 0;
            long at = start;
            do {
                int n = (int) Math.min(DataChecksums.PACKET_DATA_BYTES, end - at);
                byte[] data = Arrays.copyOfRange(bytes, (int) at, (int) at + n);
                byte[] sums = DataChecksums.compute(ByteBuffer.wrap(data));
                if (corruptReads && n > 0) {
                    data[n / 2] ^= 0x5a;
                }
                boolean last = at + n >= end;
                Packet p = Packet.newBuilder().setSeqno(seqno++).setOffsetInBlock(at)
                        .setChecksums(ByteString.copyFrom(sums)).setLast(last).build();
                ctx.write(new DataFrame(DataHeader.newBuilder().setPacket(p).build(), Unpooled.wrappedBuffer(data)));
                at += n;
            } while (at < end);
            ctx.flush();
        }
    }
}
