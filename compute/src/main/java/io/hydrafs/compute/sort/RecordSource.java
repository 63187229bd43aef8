package io.hydrafs.compute.sort;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of raw records, in key order wherever the contract of the producer says so
 * (sorted buffers, runs, merges). {@link #next()} returns null at the end, and keeps doing so.
 */
public interface RecordSource extends Closeable {

    RawRecord next() throws IOException;

    @Override
    default void close() throws IOException {
    }
}
