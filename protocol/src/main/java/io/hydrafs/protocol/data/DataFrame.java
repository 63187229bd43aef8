package io.hydrafs.protocol.data;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;

import java.util.Objects;

/**
 * One frame of the data transfer protocol (data.proto): a {@link DataHeader} and a payload (the
 * bytes of a {@link Packet}, empty for every other kind). The payload is reference counted:
 * whoever receives a frame owns it and must {@link #release()} it (or hand it on).
 */
public record DataFrame(DataHeader header, ByteBuf payload) implements ReferenceCounted {
    /** Bytes of the frame length prefix and of the header length prefix. */
    public static final int LENGTH_BYTES = 4;

    public DataFrame {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /** A frame with no payload. */
    public static DataFrame of(DataHeader header) {
        return new DataFrame(header, Unpooled.EMPTY_BUFFER);
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public DataFrame retain() {
        payload.retain();
        return this;
    }

    @Override
    public DataFrame retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public DataFrame touch() {
        payload.touch();
        return this;
    }

    @Override
    public DataFrame touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }
}
