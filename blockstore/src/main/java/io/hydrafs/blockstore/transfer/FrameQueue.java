package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DataChannel.Inbound} for blocking clients: frames queue up in arrival order and a
 * worker thread takes them with a timeout. After the connection ends, {@link #take} first
 * returns what was received and then throws why it ended.
 *
 * <p>Unbounded on purpose: its users (replication, recovery) keep few requests outstanding, so
 * at most a window of acks or one response can be waiting.
 */
final class FrameQueue implements DataChannel.Inbound {
    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    /** Set by {@link #drain}; guarded by this, so that no frame is queued after the last drain. */
    private boolean drained;

    @Override
    public void frame(DataFrame frame) {
        synchronized (this) {
            if (!drained) {
                items.add(frame);
                return;
            }
        }
        // the user gave up on this connection before it closed: nobody will take the frame
        frame.release();
    }

    @Override
    public void closed(HydraException why) {
        items.add(why);
    }

    /**
     * The next frame's header (payloads are released: these clients never receive data).
     *
     * @throws HydraException TIMEOUT after {@code timeoutMs}, or why the connection ended
     */
    DataHeader take(String what, long timeoutMs) throws HydraException {
        Object item;
        try {
            item = items.poll(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "interrupted while waiting for " + what, e);
        }
        if (item == null) {
            throw new HydraException(ErrorCode.TIMEOUT, "no " + what + " within " + timeoutMs + " ms");
        }
        if (item instanceof HydraException why) {
            items.add(why); // every later take fails the same way
            throw new HydraException(why.code(), "waiting for " + what + ": " + why.detail(), why);
        }
        DataFrame frame = (DataFrame) item;
        frame.release();
        return frame.header();
    }

    /** Releases frames nobody will take, now and as they arrive until the connection closes. */
    synchronized void drain() {
        drained = true;
        Object item;
        while ((item = items.poll()) != null) {
            if (item instanceof DataFrame frame) {
                frame.release();
            }
        }
    }
}
