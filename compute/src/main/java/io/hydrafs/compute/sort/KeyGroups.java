package io.hydrafs.compute.sort;

import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.compute.serde.Serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Groups a sorted source by key for a reducer or combiner: {@link #nextGroup()} moves to the
 * next distinct key (skipping values the previous group's user code did not read), and
 * {@link #values()} streams that key's values, deserialised, without holding them in memory.
 * Keys are equal when the job's raw comparator says 0. An I/O error while user code iterates
 * the values surfaces as {@link UncheckedIOException} (Iterable cannot throw checked ones).
 */
public final class KeyGroups<V> {
    private final RecordSource source;
    private final KeyComparator comparator;
    private final Serde<V> valueSerde;
    private RawRecord lookahead;
    private byte[] groupKey;
    private boolean groupHasMore;
    private long records;

    public KeyGroups(RecordSource source, KeyComparator comparator, Serde<V> valueSerde) throws IOException {
        this.source = source;
        this.comparator = comparator;
        this.valueSerde = valueSerde;
        this.lookahead = source.next();
    }

    /** Moves to the next key; false when there is none left. */
    public boolean nextGroup() throws IOException {
        while (groupHasMore) {
            pull();
        }
        if (lookahead == null) {
            return false;
        }
        groupKey = lookahead.key();
        groupHasMore = true;
        return true;
    }

    /** The current group's key, serialised. */
    public byte[] key() {
        return groupKey;
    }

    /** Records passed to user code so far (all groups). */
    public long records() {
        return records;
    }

    /** The current group's values; iterate once. */
    public Iterable<V> values() {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return groupHasMore;
            }

            @Override
            public V next() {
                if (!groupHasMore) {
                    throw new NoSuchElementException();
                }
                try {
                    RawRecord r = pull();
                    return valueSerde.fromBytes(r.value());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private RawRecord pull() throws IOException {
        RawRecord current = lookahead;
        records++;
        lookahead = source.next();
        groupHasMore = lookahead != null && comparator.compare(lookahead.key(), groupKey) == 0;
        return current;
    }
}
