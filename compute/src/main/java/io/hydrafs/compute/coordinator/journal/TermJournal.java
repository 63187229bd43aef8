package io.hydrafs.compute.coordinator.journal;

import io.hydrafs.protocol.error.HydraException;

/** What an active term needs of its journal: make the records so far durable, and end. */
public interface TermJournal extends AutoCloseable {
    void sync() throws HydraException;

    @Override
    void close();
}
