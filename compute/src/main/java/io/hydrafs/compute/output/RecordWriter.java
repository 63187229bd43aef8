package io.hydrafs.compute.output;

import java.io.Closeable;
import java.io.IOException;

/** Writes a reduce task's output records to one file; closing completes the file. */
public interface RecordWriter<K, V> extends Closeable {

    void write(K key, V value) throws IOException;

    /** Bytes written so far. */
    long bytesWritten();
}
