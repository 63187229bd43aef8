package io.hydrafs.client;

import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A file open for writing, returned by {@link HydraFileSystem#create}. While it is open the
 * client holds the file's lease (renewed by the file system's lease renewer); {@link #close()}
 * completes the file on the meta service, which makes it readable and releases the lease.
 *
 * <p><b>Current limit:</b> the data path to blockstores (block allocation, the write pipeline,
 * acks) is not built yet. Any {@code write} of one or more bytes fails with IO_ERROR, so the
 * only files this stream can produce are empty ones: create, then close. {@link #hflush()} and
 * {@link #hsync()} exist with their HDFS meaning and are no-ops on a stream with no data.
 *
 * <p>Lifecycle: open -> closed. {@code close()} is idempotent: a second call does nothing,
 * even if the first one failed (the file then stays under construction until the meta
 * service recovers its lease, as in HDFS). Writes and flushes after close fail with IO_ERROR.
 * Methods are synchronized: the file system may close a stream from another thread.
 */
public final class HydraOutputStream extends OutputStream {
    /** Attempts at complete() while the meta service waits for the last block's replicas. */
    private static final int COMPLETE_ATTEMPTS = 5;
    private static final long COMPLETE_FIRST_WAIT_MS = 100;

    private final String path;
    private final MetaClient meta;
    private final String clientName;
    private final Consumer<HydraOutputStream> onClose;
    private boolean closed;

    HydraOutputStream(String path, MetaClient meta, String clientName, Consumer<HydraOutputStream> onClose) {
        this.path = path;
        this.meta = meta;
        this.clientName = clientName;
        this.onClose = onClose;
    }

    /** The path the file was created at. */
    public String path() {
        return path;
    }

    @Override
    public synchronized void write(int b) throws HydraException {
        checkOpen();
        throw dataPathMissing(1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws HydraException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        if (len > 0) {
            throw dataPathMissing(len);
        }
    }

    /** Makes written data visible to new readers. No-op while nothing can be written. */
    public synchronized void hflush() throws HydraException {
        checkOpen();
    }

    /** As {@link #hflush()}, and the data is on the blockstores' disks. No-op while nothing can be written. */
    public synchronized void hsync() throws HydraException {
        checkOpen();
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** Completes the file on the meta service and stops renewing its lease. Idempotent. */
    @Override
    public synchronized void close() throws HydraException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            complete();
        } finally {
            onClose.accept(this);
        }
    }

    // The meta service answers completed=false while the last block lacks its minimum
    // replicas (blockstores have not reported it yet): wait and ask again, as HDFS does.
    private void complete() throws HydraException {
        long waitMs = COMPLETE_FIRST_WAIT_MS;
        for (int attempt = 1; ; attempt++) {
            if (meta.complete(path, clientName, null).getCompleted()) {
                return;
            }
            if (attempt == COMPLETE_ATTEMPTS) {
                throw new HydraException(ErrorCode.IO_ERROR, "could not complete " + path + " after "
                        + COMPLETE_ATTEMPTS + " attempts: its last block is not yet replicated enough");
            }
            try {
                Thread.sleep(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HydraException(ErrorCode.IO_ERROR, "interrupted while completing " + path, e);
            }
            waitMs *= 2;
        }
    }

    private void checkOpen() throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.IO_ERROR, "stream to " + path + " is closed");
        }
    }

    private HydraException dataPathMissing(int bytes) {
        return new HydraException(ErrorCode.IO_ERROR, "cannot write " + bytes + " byte(s) to " + path
                + ": the data path to blockstores is not built yet; only empty files can be created for now");
    }
}
