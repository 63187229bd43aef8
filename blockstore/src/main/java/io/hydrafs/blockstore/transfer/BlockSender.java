package io.hydrafs.blockstore.transfer;

import com.google.protobuf.ByteString;
import io.hydrafs.blockstore.storage.ReplicaReader;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataFrameCodec;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.ReadBlockRequest;
import io.hydrafs.protocol.data.ReadBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultFileRegion;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.nio.channels.FileChannel;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves one {@link ReadBlockRequest}: a {@link ReadBlockResponse} (or its error:
 * REPLICA_NOT_FOUND, STALE_GENERATION_STAMP, END_OF_FILE for a range beyond the replica), then
 * packets covering the {@link ReadPlan}, each at most 64 KiB, the last one marked {@code last};
 * then the connection is closed. An empty range is one empty last packet.
 *
 * <p>Each packet carries the stored checksums (read on the disk queue) and its data goes from the
 * block file to the socket without passing through the heap: the header bytes from
 * {@link DataFrameCodec#prefix}, then a file region over the replica's block channel. The
 * sender does not verify checksums; the client does, so that corruption on disk or on the way
 * is caught at one place and reported against the replica.
 *
 * <p>Lifetimes: Netty's {@link DefaultFileRegion} closes its file channel when released, but
 * the channel belongs to the {@link ReplicaReader} and serves every packet, so the regions here
 * leave it open; the reader itself is closed on the disk queue after the connection ends, when
 * no region can be written any more.
 *
 * <p>Pacing: one packet is prepared at a time and at most {@code maxPacketsInFlight} are handed
 * to Netty and not yet written, and none while the channel is not writable: a slow reader costs
 * a few packets of buffer, never a whole block.
 */
final class BlockSender extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSender.class);

    private final TransferContext context;
    private final SerialExecutor disk;
    private ChannelHandlerContext ctx;
    private String what = "block read";
    private boolean counted;
    private boolean ended;

    // set on the disk queue before the response goes out, then read on the loop
    private ReplicaReader reader;
    private ReadPlan plan;

    private long nextOffset;
    private long nextSeqno;
    private boolean preparing;
    private boolean lastSent;
    private int inFlight;

    BlockSender(TransferContext context) {
        this.context = context;
        this.disk = context.newDiskQueue();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Handles the connection's first frame. On the event loop. */
    void begin(ReadBlockRequest request) {
        context.transfersInProgress().incrementAndGet();
        counted = true;
        what = "read of block " + request.getBlock().getBlockId();
        ctx.channel().config().setAutoRead(false); // nothing more is expected from the client
        if (!request.hasBlock()) {
            fail(new HydraException(ErrorCode.MALFORMED_REQUEST, "read request without a block"));
            return;
        }
        disk.execute(() -> {
            try {
                reader = context.store().openReplica(request.getBlock().getBlockId(),
                        request.getBlock().getGenerationStamp());
                plan = ReadPlan.of(request.getOffset(), request.getLength(), reader.length());
                long replicaLength = reader.length();
                onLoop(() -> opened(replicaLength));
            } catch (Throwable t) {
                onLoop(() -> fail(t));
            }
        });
    }

    private void opened(long replicaLength) {
        if (ended) {
            return;
        }
        nextOffset = plan.chunkOffset();
        ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setReadBlockResponse(ReadBlockResponse.newBuilder()
                .setChunkOffset(plan.chunkOffset()).setReplicaLength(replicaLength)).build()));
        pump();
    }

    private void fail(Throwable t) {
        LOG.debug("{}: {}", what, t.toString());
        ended = true;
        ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setReadBlockResponse(ReadBlockResponse.newBuilder()
                .setError(TransferErrors.toRpcError(t))).build())).addListener(ChannelFutureListener.CLOSE);
    }

    /** Prepares the next packet if the pace allows. On the loop. */
    private void pump() {
        if (ended || lastSent || preparing || inFlight >= context.settings().maxPacketsInFlight()
                || !ctx.channel().isWritable()) {
            return;
        }
        // prepare every packet the pace allows in one disk task: one checksum read and one pair
        // of thread hops per batch instead of per 64 KiB packet
        int room = context.settings().maxPacketsInFlight() - inFlight;
        List<long[]> batch = new ArrayList<>(); // {seqno, offset, bytes, last}
        while (batch.size() < room && !(batch.size() > 0 && batch.get(batch.size() - 1)[3] == 1)) {
            long from = nextOffset;
            int bytes = plan.packetBytes(from);
            boolean last = from + bytes >= plan.end();
            batch.add(new long[]{nextSeqno++, from, bytes, last ? 1 : 0});
            nextOffset = from + bytes;
        }
        long batchFrom = batch.get(0)[1];
        int batchBytes = (int) (nextOffset - batchFrom);
        preparing = true;
        disk.execute(() -> {
            try {
                ByteBuffer checksums = reader.readChecksums(batchFrom, batchBytes);
                List<Packet> packets = new ArrayList<>(batch.size());
                for (long[] b : batch) {
                    int sums = DataChecksums.chunks(b[2]) * DataChecksums.CHECKSUM_BYTES;
                    ByteBuffer mine = checksums.slice(checksums.position(), sums);
                    checksums.position(checksums.position() + sums);
                    packets.add(Packet.newBuilder().setSeqno(b[0]).setOffsetInBlock(b[1])
                            .setChecksums(ByteString.copyFrom(mine)).setLast(b[3] == 1).build());
                }
                onLoop(() -> {
                    preparing = false;
                    for (int i = 0; i < packets.size(); i++) {
                        send(packets.get(i), (int) batch.get(i)[2]);
                    }
                    pump();
                });
            } catch (Throwable t) {
                onLoop(() -> {
                    LOG.debug("{}: cannot read checksums at {}: {}", what, batchFrom, t.toString());
                    ctx.close(); // the client sees a short read and tries another replica
                });
            }
        });
    }

    private void send(Packet packet, int bytes) {
        if (ended) {
            return;
        }
        DataHeader header = DataHeader.newBuilder().setPacket(packet).build();
        inFlight++;
        io.netty.channel.ChannelFuture written;
        if (bytes == 0) {
            written = ctx.writeAndFlush(DataFrameCodec.prefix(ctx.alloc(), header, 0));
        } else {
            ctx.write(DataFrameCodec.prefix(ctx.alloc(), header, bytes));
            written = ctx.writeAndFlush(new ReaderOwnedRegion(reader.blockChannel(), packet.getOffsetInBlock(), bytes));
        }
        if (packet.getLast()) {
            lastSent = true;
        }
        written.addListener(f -> {
            inFlight--;
            if (!f.isSuccess()) {
                LOG.debug("{}: send failed: {}", what, f.cause().toString());
                ctx.close();
            } else if (packet.getLast()) {
                ctx.close();
            } else {
                pump();
            }
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // the client has nothing more to say on a read
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: closing after {}", what, cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ended = true;
        disk.execute(() -> {
            if (reader != null) {
                reader.close();
            }
        });
        if (counted) {
            counted = false;
            context.transfersInProgress().decrementAndGet();
        }
        ctx.fireChannelInactive();
    }

    private void onLoop(Runnable task) {
        try {
            ctx.channel().eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{}: event loop shut down, dropping a completion", what);
        }
    }

    /** A region over the reader's block channel that leaves the channel open when released. */
    private static final class ReaderOwnedRegion extends DefaultFileRegion {
        ReaderOwnedRegion(FileChannel channel, long position, long count) {
            super(channel, position, count);
        }

        @Override
        protected void deallocate() {
            // the ReplicaReader owns the channel and closes it
        }
    }
}
