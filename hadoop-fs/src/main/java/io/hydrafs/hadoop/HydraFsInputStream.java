package io.hydrafs.hadoop;

import io.hydrafs.client.HydraInputStream;
import io.hydrafs.protocol.error.HydraException;
import org.apache.hadoop.fs.ByteBufferPositionedReadable;
import org.apache.hadoop.fs.ByteBufferReadable;
import org.apache.hadoop.fs.CanUnbuffer;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StreamCapabilities;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * A HydraFS file as Hadoop reads it: seekable, with positional reads that leave the position
 * alone, counting the bytes read in the file system's statistics. Errors come as
 * {@link HadoopErrors} translates them.
 *
 * <p>Also what columnar readers look for: reads into ByteBuffers, sequential and positional
 * (Parquet and ORC use them when the stream declares them), and {@code unbuffer}, which drops the
 * block connection of a file kept open but idle.
 */
final class HydraFsInputStream extends FSInputStream
        implements ByteBufferReadable, ByteBufferPositionedReadable, CanUnbuffer, StreamCapabilities {
    /** A direct buffer is filled through a heap array of at most this many bytes at a time. */
    private static final int COPY_BYTES = 64 * 1024;

    private final HydraInputStream in;
    private final FileSystem.Statistics statistics;
    private boolean closed;
    private long positionAtClose;

    HydraFsInputStream(HydraInputStream in, FileSystem.Statistics statistics) {
        this.in = in;
        this.statistics = statistics;
    }

    @Override
    public synchronized void seek(long position) throws IOException {
        checkOpen();
        if (position < 0) {
            throw new EOFException(FSExceptionMessages.NEGATIVE_SEEK + ": " + position);
        }
        if (position > in.length()) {
            throw new EOFException(FSExceptionMessages.CANNOT_SEEK_PAST_EOF + ": " + position);
        }
        try {
            in.seek(position);
        } catch (HydraException e) {
            throw HadoopErrors.translate(e);
        }
    }

    /** Also after close, as HDFS's: the position the stream had then. */
    @Override
    public synchronized long getPos() throws IOException {
        return closed ? positionAtClose : in.getPos();
    }

    /** One source per block is all a HydraFS reader is given: the SDK already fails over between replicas. */
    @Override
    public boolean seekToNewSource(long targetPos) {
        return false;
    }

    @Override
    public synchronized int read() throws IOException {
        checkOpen();
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        checkOpen();
        int n = in.read(b, off, len);
        count(n);
        return n;
    }

    @Override
    public synchronized int read(long position, byte[] b, int off, int len) throws IOException {
        checkOpen();
        validatePositionedReadArgs(position, b, off, len);
        if (len == 0) {
            return 0;
        }
        int n = in.read(position, b, off, len);
        count(n);
        return n;
    }

    @Override
    public synchronized void readFully(long position, byte[] b, int off, int len) throws IOException {
        checkOpen();
        validatePositionedReadArgs(position, b, off, len);
        if (position + len > in.length()) {
            throw new EOFException(FSExceptionMessages.EOF_IN_READ_FULLY + ": " + len + " bytes at " + position
                    + " of a " + in.length() + "-byte file");
        }
        in.readFully(position, b, off, len);
        count(len);
    }

    @Override
    public synchronized int read(ByteBuffer buf) throws IOException {
        checkOpen();
        return readInto(buf, (b, off, len) -> read(b, off, len));
    }

    @Override
    public synchronized int read(long position, ByteBuffer buf) throws IOException {
        checkOpen();
        return readInto(buf, (b, off, len) -> read(position, b, off, len));
    }

    /** A read into an array, as {@code read(b, off, len)}. */
    @FunctionalInterface
    private interface ArrayRead {
        int read(byte[] b, int off, int len) throws IOException;
    }

    /** One array read into buf's remaining space: in place for a heap buffer, through a copy otherwise. */
    private static int readInto(ByteBuffer buf, ArrayRead read) throws IOException {
        if (!buf.hasRemaining()) {
            return 0;
        }
        if (buf.hasArray()) {
            int n = read.read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            if (n > 0) {
                buf.position(buf.position() + n);
            }
            return n;
        }
        byte[] copy = new byte[Math.min(buf.remaining(), COPY_BYTES)];
        int n = read.read(copy, 0, copy.length);
        if (n > 0) {
            buf.put(copy, 0, n);
        }
        return n;
    }

    @Override
    public synchronized void readFully(long position, ByteBuffer buf) throws IOException {
        checkOpen();
        if (buf.hasArray()) {
            readFully(position, buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            buf.position(buf.limit());
            return;
        }
        long at = position;
        while (buf.hasRemaining()) {
            byte[] copy = new byte[Math.min(buf.remaining(), COPY_BYTES)];
            readFully(at, copy, 0, copy.length);
            buf.put(copy);
            at += copy.length;
        }
    }

    /** Drops the block connection; the stream stays open and reads on from where it was. */
    @Override
    public synchronized void unbuffer() {
        in.releaseConnection();
    }

    @Override
    public boolean hasCapability(String capability) {
        return switch (capability.toLowerCase(Locale.ENGLISH)) {
            case StreamCapabilities.READBYTEBUFFER, StreamCapabilities.PREADBYTEBUFFER,
                 StreamCapabilities.UNBUFFER -> true;
            default -> false;
        };
    }

    @Override
    public synchronized long skip(long n) throws IOException {
        checkOpen();
        return in.skip(n);
    }

    @Override
    public synchronized int available() throws IOException {
        checkOpen();
        return in.available();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            positionAtClose = in.getPos();
        } catch (HydraException e) {
            throw new IllegalStateException("invariant violated: an open stream has no position", e);
        }
        closed = true;
        in.close();
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException(FSExceptionMessages.STREAM_IS_CLOSED + ": " + in.path());
        }
    }

    private void count(int n) {
        if (n > 0 && statistics != null) {
            statistics.incrementBytesRead(n);
        }
    }
}
