package io.hydrafs.compute.shuffle;

import io.hydrafs.protocol.error.HydraException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Netty adapter between one shuffle connection and the {@link MapOutputStore}: answers each
 * request with the segment as a file region, or an error status with a plain-text reason.
 * Keeps the connection open after a well-formed request when the client asks for keep-alive.
 */
final class SegmentRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRequestHandler.class);

    private final MapOutputStore store;

    SegmentRequestHandler(MapOutputStore store) {
        this.store = store;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            error(ctx, HttpResponseStatus.BAD_REQUEST, "undecodable HTTP request", false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.method().equals(HttpMethod.GET)) {
            error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served", keepAlive);
            return;
        }
        SegmentRequest segment;
        try {
            segment = SegmentRequest.parse(request.uri());
        } catch (HydraException e) {
            error(ctx, HttpResponseStatus.BAD_REQUEST, e.detail(), keepAlive);
            return;
        }
        serve(ctx, segment, keepAlive);
    }

    private void serve(ChannelHandlerContext ctx, SegmentRequest segment, boolean keepAlive) {
        Optional<MapOutputStore.StoredOutput> found = store.stored(segment.jobId(), segment.mapIndex(),
                segment.attempt());
        if (found.isEmpty()) {
            error(ctx, HttpResponseStatus.NOT_FOUND, "no map output " + segment.jobId() + "/m" + segment.mapIndex()
                    + "/a" + segment.attempt() + " on this worker", keepAlive);
            return;
        }
        var output = found.get().output();
        if (segment.partition() >= output.partitions()) {
            error(ctx, HttpResponseStatus.NOT_FOUND, "map output " + segment.jobId() + "/m" + segment.mapIndex()
                    + "/a" + segment.attempt() + " has " + output.partitions() + " partitions, no partition "
                    + segment.partition(), keepAlive);
            return;
        }
        long start = output.offsets()[segment.partition()];
        long length = output.segmentBytes(segment.partition());
        FileChannel file = null;
        if (length > 0) {
            try {
                file = FileChannel.open(output.file(), StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                error(ctx, HttpResponseStatus.NOT_FOUND, "map output " + segment + " was removed", keepAlive);
                return;
            } catch (IOException e) {
                LOG.warn("cannot open map output {} for {}: {}", output.file(), segment, e.toString());
                error(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot read map output " + segment, keepAlive);
                return;
            }
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .set(HttpHeaderNames.CONTENT_LENGTH, length)
                .set(SegmentChecksums.HEADER, SegmentChecksums.format(found.get().segmentCrcs()[segment.partition()]));
        HttpUtil.setKeepAlive(response, keepAlive);
        ctx.write(response);
        if (file != null) {
            // the region owns the channel from here on and closes it when sent or dropped
            ctx.write(new DefaultFileRegion(file, start, length));
        }
        ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        // a send that failed half-way (e.g. the file shrank) must not leave a short body on a
        // live connection: closing it makes the client see the truncation at once
        done.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }

    private static void error(ChannelHandlerContext ctx, HttpResponseStatus status, String reason, boolean keepAlive) {
        ByteBuf body = Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET");
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture sent = ctx.writeAndFlush(response);
        if (!keepAlive) {
            sent.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // resets and garbage are routine for a port any worker can reach
        LOG.debug("shuffle connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
