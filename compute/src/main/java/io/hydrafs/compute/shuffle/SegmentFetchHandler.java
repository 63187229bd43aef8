package io.hydrafs.compute.shuffle;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The client side of one segment fetch, on one connection: streams a {@code 200}'s body into
 * a {@link SegmentReceiver}, turns any other status into a failure quoting the server's
 * reason, and fails the fetch (deleting what was written) when the connection ends, stalls or
 * delivers something malformed before the whole segment is in. Closes the connection when
 * the fetch is decided. Runs on the connection's I/O thread, which also writes the target.
 */
final class SegmentFetchHandler extends SimpleChannelInboundHandler<HttpObject> {
    private static final int MAX_ERROR_BODY_CHARS = 1024;

    private final SegmentFetch fetch;
    private final long stallTimeoutMillis;
    private SegmentReceiver receiver;
    private HttpResponseStatus errorStatus;
    private final StringBuilder errorBody = new StringBuilder();

    SegmentFetchHandler(SegmentFetch fetch, long stallTimeoutMillis) {
        this.fetch = fetch;
        this.stallTimeoutMillis = stallTimeoutMillis;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (fetch.isDone()) {
            return;
        }
        if (msg.decoderResult().isFailure()) {
            fail(ctx, "malformed response: " + msg.decoderResult().cause(), false, msg.decoderResult().cause());
            return;
        }
        try {
            if (msg instanceof HttpResponse response) {
                onHeaders(response);
            }
            if (msg instanceof HttpContent content) {
                onContent(content.content());
            }
            if (msg instanceof LastHttpContent) {
                onEnd(ctx);
            }
        } catch (IOException e) {
            fail(ctx, e.getMessage(), false, e);
        }
    }

    private void onHeaders(HttpResponse response) throws IOException {
        if (!response.status().equals(HttpResponseStatus.OK)) {
            errorStatus = response.status();
            return;
        }
        long length = HttpUtil.getContentLength(response, -1L);
        if (length < 0) {
            throw new IOException("response has no Content-Length");
        }
        Integer crc = SegmentChecksums.parse(response.headers().get(SegmentChecksums.HEADER));
        if (crc == null) {
            throw new IOException("response has no valid " + SegmentChecksums.HEADER + " header");
        }
        receiver = new SegmentReceiver(fetch.target, length, crc);
    }

    private void onContent(ByteBuf bytes) throws IOException {
        if (receiver != null) {
            for (ByteBuffer b : bytes.nioBuffers()) {
                receiver.write(b);
            }
        } else if (errorBody.length() < MAX_ERROR_BODY_CHARS) {
            errorBody.append(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private void onEnd(ChannelHandlerContext ctx) throws IOException {
        if (receiver == null) {
            boolean missing = errorStatus.equals(HttpResponseStatus.NOT_FOUND);
            String reason = errorBody.length() > MAX_ERROR_BODY_CHARS
                    ? errorBody.substring(0, MAX_ERROR_BODY_CHARS) : errorBody.toString();
            fail(ctx, "server answered " + errorStatus + ": " + reason.strip(), missing, null);
            return;
        }
        long bytes;
        try {
            bytes = receiver.finish();
        } catch (IOException e) {
            receiver.abort();
            throw e;
        }
        fetch.succeed(bytes);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!fetch.isDone()) {
            fail(ctx, receiver == null ? "connection closed before a complete response"
                    : "connection closed after " + receiver.received() + " bytes of the segment", false, null);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            fail(ctx, "server stalled: nothing received for " + stallTimeoutMillis + " ms", false, cause);
        } else {
            fail(ctx, "connection failed: " + cause, false, cause);
        }
    }

    private void fail(ChannelHandlerContext ctx, String problem, boolean outputMissing, Throwable cause) {
        if (fetch.isDone()) {
            ctx.close(); // decided already (a late error after success must not delete the target)
            return;
        }
        if (receiver != null) {
            receiver.abort();
        }
        fetch.fail(problem, outputMissing, cause);
        ctx.close();
    }
}
