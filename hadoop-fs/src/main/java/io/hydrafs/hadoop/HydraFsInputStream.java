package io.hydrafs.hadoop;

import io.hydrafs.client.HydraInputStream;
import io.hydrafs.protocol.error.HydraException;
import org.apache.hadoop.fs.FSExceptionMessages;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.FileSystem;

import java.io.EOFException;
import java.io.IOException;

/**
 * A HydraFS file as Hadoop reads it: seekable, with positional reads that leave the position
 * alone, counting the bytes read in the file system's statistics. Errors come as
 * {@link HadoopErrors} translates them.
 */
final class HydraFsInputStream extends FSInputStream {
    private final HydraInputStream in;
    private final FileSystem.Statistics statistics;
    private boolean closed;

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

    @Override
    public synchronized long getPos() throws IOException {
        checkOpen();
        return in.getPos();
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
