package io.hydrafs.client;

import io.hydrafs.client.data.FileWriter;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A file open for writing, returned by {@link HydraFileSystem#create} and
 * {@link HydraFileSystem#append}. While it is open the client holds the file's lease (renewed by
 * the file system's lease renewer). Bytes go to blockstores through a write pipeline per block
 * ({@link FileWriter}): packets of 64 KiB, acked by every replica, with pipeline recovery when a
 * blockstore fails. {@link #write} returns once the bytes are buffered or sent (it blocks while
 * too many packets are unacked); {@link #hflush()} waits until every replica has the bytes
 * written so far (new readers see them); {@link #hsync()} also has them forced to disk.
 * {@link #close()} ends the last block and completes the file on the meta service, which makes
 * it readable as a whole and releases the lease.
 *
 * <p>Lifecycle: open -> closed. A failed call (e.g. PIPELINE_FAILED, no replica left) fails
 * the stream: every later write or flush fails with the same code. {@code close()} is
 * idempotent: a second call does nothing, even if the first one failed (the file then stays
 * under construction until the meta service recovers its lease, as in HDFS). Writes and
 * flushes after close fail with IO_ERROR. Methods are synchronized: the file system may close a
 * stream from another thread.
 */
public final class HydraOutputStream extends OutputStream {
    private final String path;
    private final FileWriter writer;
    private final Consumer<HydraOutputStream> onClose;
    private boolean closed;

    HydraOutputStream(String path, FileWriter writer, Consumer<HydraOutputStream> onClose) {
        this.path = path;
        this.writer = writer;
        this.onClose = onClose;
    }

    /** The path of the file. */
    public String path() {
        return path;
    }

    @Override
    public synchronized void write(int b) throws HydraException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws HydraException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        writer.write(b, off, len);
    }

    /** Sends what is buffered and waits until every replica acked it: new readers see it. */
    public synchronized void hflush() throws HydraException {
        checkOpen();
        writer.flush(false);
    }

    /** As {@link #hflush()}, and every replica forced the bytes to disk. */
    public synchronized void hsync() throws HydraException {
        checkOpen();
        writer.flush(true);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Ends the last block, completes the file and stops renewing its lease. Idempotent. */
    @Override
    public synchronized void close() throws HydraException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } finally {
            onClose.accept(this);
        }
    }

    private void checkOpen() throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.IO_ERROR, "stream to " + path + " is closed");
        }
    }
}
