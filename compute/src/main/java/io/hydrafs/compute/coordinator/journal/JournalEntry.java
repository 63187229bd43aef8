package io.hydrafs.compute.coordinator.journal;

import io.hydrafs.compute.coordinator.JobEvent;

/**
 * One record of the coordinator journal: a {@link JobEvent} written by the active coordinator
 * of lease epoch {@code epoch} (the fencing token of the term that wrote it), or, when
 * {@code event} is null, the marker that ends the snapshot a new term copies to the head of its
 * journal file (a file whose snapshot is complete holds everything older files held).
 */
public record JournalEntry(long epoch, JobEvent event) {

    public static JournalEntry snapshotEnd(long epoch) {
        return new JournalEntry(epoch, null);
    }

    public boolean isSnapshotEnd() {
        return event == null;
    }
}
