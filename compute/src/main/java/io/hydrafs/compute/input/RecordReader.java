package io.hydrafs.compute.input;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records one split owns, in file order. {@link #next()} advances; {@link #key()} and
 * {@link #value()} are the current record's, valid until the next call.
 */
public interface RecordReader<K, V> extends Closeable {

    boolean next() throws IOException;

    K key();

    V value();

    /** Bytes consumed from the file so far (including bytes read past the split to end a record). */
    long bytesRead();
}
