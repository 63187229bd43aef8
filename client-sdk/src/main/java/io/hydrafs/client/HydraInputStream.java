package io.hydrafs.client;

import io.hydrafs.client.data.FileReader;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.InputStream;
import java.util.Objects;

/**
 * A file open for reading, returned by {@link HydraFileSystem#open}: seekable, with positional
 * reads that leave the stream position alone (HDFS's {@code FSDataInputStream} in spirit).
 * Bytes are verified against their checksums; a bad or unreachable replica is skipped for the
 * next one (see {@link FileReader}); BLOCK_MISSING when none is left.
 *
 * <p>The length is the file's length at open (for a file being written: the bytes visible then).
 * Reads at or past it return -1; {@link #seek} past it fails with END_OF_FILE, to a negative
 * position with INVALID_ARGUMENT. Methods are synchronized; every call after {@link #close()}
 * fails with IO_ERROR.
 */
public final class HydraInputStream extends InputStream {
    private final String path;
    private final FileReader reader;
    private long position;
    private boolean closed;

    HydraInputStream(String path, FileReader reader) {
        this.path = path;
        this.reader = reader;
    }

    public String path() {
        return path;
    }

    /** The file's length as of open. */
    public synchronized long length() {
        return reader.length();
    }

    @Override
    public synchronized int read() throws HydraException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws HydraException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        if (len == 0) {
            return 0; // InputStream's contract, even at the end of the file
        }
        int n = reader.read(position, b, off, len, true);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    /** Moves the stream position; {@code position == length()} is allowed (the next read returns -1). */
    public synchronized void seek(long position) throws HydraException {
        checkOpen();
        checkPosition(position);
        if (position > reader.length()) {
            throw new HydraException(ErrorCode.END_OF_FILE, "cannot seek to " + position + " in " + path
                    + ", which has " + reader.length() + " bytes");
        }
        this.position = position;
    }

    public synchronized long getPos() throws HydraException {
        checkOpen();
        return position;
    }

    /** Reads up to {@code len} bytes at {@code position} without moving the stream; -1 at or past the end. */
    public synchronized int read(long position, byte[] b, int off, int len) throws HydraException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        checkPosition(position);
        return reader.read(position, b, off, len, false);
    }

    /** Reads exactly {@code len} bytes at {@code position} without moving the stream; END_OF_FILE if short. */
    public synchronized void readFully(long position, byte[] b, int off, int len) throws HydraException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        checkPosition(position);
        reader.readFully(position, b, off, len);
    }

    public void readFully(long position, byte[] b) throws HydraException {
        readFully(position, b, 0, b.length);
    }

    @Override
    public synchronized long skip(long n) throws HydraException {
        checkOpen();
        long skipped = Math.max(0, Math.min(n, reader.length() - position));
        position += skipped;
        return skipped;
    }

    /** Bytes left before the end (capped at Integer.MAX_VALUE); reading them may still block on the network. */
    @Override
    public synchronized int available() throws HydraException {
        checkOpen();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, reader.length() - position));
    }

    /**
     * Closes the open block connection, keeping the position: the next read opens a new one.
     * For callers that keep many files open but idle (HBase, Impala: Hadoop's {@code unbuffer}).
     */
    public synchronized void releaseConnection() {
        reader.releaseConnection();
    }

    /** Closes the block connection. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            reader.close();
        }
    }

    private void checkOpen() throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.IO_ERROR, "stream from " + path + " is closed");
        }
    }

    private void checkPosition(long position) throws HydraException {
        if (position < 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "position " + position + " in " + path + " is negative");
        }
    }
}
