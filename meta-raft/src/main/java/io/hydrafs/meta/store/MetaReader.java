package io.hydrafs.meta.store;

import java.util.Iterator;

/**
 * A read view of the metadata tables.
 *
 * <p>Contract: {@link #get} returns a fresh array (the caller may keep it) or null when the
 * key is absent. {@link #scan} returns keys in ascending unsigned-byte order; the iterator
 * must be closed, it may hold native resources. A storage failure surfaces as
 * {@link MetaStoreException} (unchecked): it is environmental and fatal for the node, never an
 * answer to a client.
 */
public interface MetaReader {
    byte[] get(Table table, byte[] key);

    /** Entries with fromInclusive &lt;= key &lt; toExclusive (toExclusive null = to the end). */
    ScanIterator scan(Table table, byte[] fromInclusive, byte[] toExclusive);

    /** A closable iterator over a key range. */
    interface ScanIterator extends Iterator<KeyValue>, AutoCloseable {
        @Override
        void close();
    }
}
