package io.hydrafs.compute.coordinator.journal;

import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.compute.coordinator.JobEvent;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.ByteArrayOutputStream;

/**
 * Appends one term's records to its journal file. {@link #append} only buffers (it is called
 * under the scheduler's lock for every event); {@link #sync} writes the buffer and waits
 * until every replica has it (hflush). The coordinator syncs before it answers or acts on
 * what the records decided, so nothing it acted on is missing after a failover.
 *
 * <p>A failed write or flush breaks the writer: every later sync fails, and the term must
 * end (the records it buffered are not durable). Thread-safe.
 */
public final class JournalWriter implements TermJournal {
    private final HydraOutputStream out;
    private final long epoch;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private HydraException broken;

    JournalWriter(HydraOutputStream out, long epoch) {
        this.out = out;
        this.epoch = epoch;
    }

    public String path() {
        return out.path();
    }

    public synchronized void append(JobEvent event) {
        buffer.writeBytes(JournalCodec.encode(new JournalEntry(epoch, event)));
    }

    /** Copies a record of an earlier term (its epoch kept), for the snapshot at a term's start. */
    public synchronized void copy(JournalEntry entry) {
        buffer.writeBytes(JournalCodec.encode(entry));
    }

    public synchronized void snapshotEnd() {
        buffer.writeBytes(JournalCodec.encode(JournalEntry.snapshotEnd(epoch)));
    }

    /** Makes every record appended so far durable and visible to readers. */
    @Override
    public synchronized void sync() throws HydraException {
        if (broken != null) {
            throw new HydraException(broken.code(), "journal " + out.path() + " failed earlier: " + broken.detail());
        }
        if (buffer.size() == 0) {
            return;
        }
        try {
            out.write(buffer.toByteArray(), 0, buffer.size());
            out.hflush();
            buffer.reset();
        } catch (HydraException e) {
            broken = e;
            throw e;
        } catch (RuntimeException e) {
            broken = new HydraException(ErrorCode.IO_ERROR, "journal " + out.path() + ": " + e, e);
            throw broken;
        }
    }

    /** Closes the file; records not synced are dropped. */
    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (HydraException e) {
            // the term is over either way; what was synced is readable
        }
    }
}
