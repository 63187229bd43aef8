package io.hydrafs.meta.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * An in-memory {@link MetaWriter} for tests: one sorted map per {@link Table} under the store's
 * unsigned-byte key order. Writes apply at once, so it reads its own writes; savepoints keep an
 * undo log, so {@link #rollbackToSavepoint()} restores exactly the state at the savepoint.
 *
 * <p>It behaves as the RocksDB store's batch documents: a scan is [from, to) in unsigned byte
 * order ({@code from} required, {@code to} null = to the end), sees writes made during the scan
 * to keys it has not reached yet, and tolerates deletion of the entries it iterates (an entry
 * already fetched by {@code hasNext()} is returned as fetched). Arrays are copied in and out (a
 * caller mutating a returned or passed array changes nothing), and {@link #openIterators()}
 * counts scans not closed. It also records every write ({@link #writes()}) for tests that count
 * the keys an operation touches.
 *
 * <p>Not thread-safe: one test thread at a time.
 */
public final class InMemoryMetaStore implements MetaWriter {
    /** One recorded put or delete. */
    public record Write(Kind kind, Table table, byte[] key) {
        @Override
        public String toString() {
            return kind + " " + table + " " + HexFormat.of().formatHex(key);
        }
    }

    /** What a recorded write did. */
    public enum Kind { PUT, DELETE }

    private record Undo(Table table, byte[] key, byte[] previous) {
    }

    private final Map<Table, TreeMap<byte[], byte[]>> tables = new EnumMap<>(Table.class);
    private final List<Undo> undoLog = new ArrayList<>();
    private final Deque<Integer> savepoints = new ArrayDeque<>();
    private final List<Write> writes = new ArrayList<>();
    private int openIterators;

    public InMemoryMetaStore() {
        for (Table t : Table.values()) {
            tables.put(t, new TreeMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public byte[] get(Table table, byte[] key) {
        byte[] v = tables.get(table).get(key);
        return v == null ? null : v.clone();
    }

    @Override
    public ScanIterator scan(Table table, byte[] fromInclusive, byte[] toExclusive) {
        TreeMap<byte[], byte[]> map = tables.get(table);
        byte[] from = fromInclusive.clone();
        byte[] to = toExclusive == null ? null : toExclusive.clone();
        openIterators++;
        return new ScanIterator() {
            private byte[] lastKey;
            private Map.Entry<byte[], byte[]> fetched;
            private boolean closed;

            @Override
            public boolean hasNext() {
                checkOpen();
                if (fetched == null) {
                    // step from the last key returned, so writes made during the scan behave as
                    // in the RocksDB batch: keys ahead are seen, deletions are harmless
                    Map.Entry<byte[], byte[]> e = lastKey == null ? map.ceilingEntry(from) : map.higherEntry(lastKey);
                    if (e != null && (to == null || Arrays.compareUnsigned(e.getKey(), to) < 0)) {
                        fetched = Map.entry(e.getKey().clone(), e.getValue().clone());
                    }
                }
                return fetched != null;
            }

            @Override
            public KeyValue next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<byte[], byte[]> e = fetched;
                fetched = null;
                lastKey = e.getKey();
                return new KeyValue(e.getKey().clone(), e.getValue().clone());
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openIterators--;
                }
            }

            private void checkOpen() {
                if (closed) {
                    throw new IllegalStateException("scan iterator used after close");
                }
            }
        };
    }

    @Override
    public void put(Table table, byte[] key, byte[] value) {
        byte[] k = key.clone();
        byte[] previous = tables.get(table).put(k, value.clone());
        remember(table, k, previous, Kind.PUT);
    }

    @Override
    public void delete(Table table, byte[] key) {
        byte[] k = key.clone();
        byte[] previous = tables.get(table).remove(k);
        remember(table, k, previous, Kind.DELETE);
    }

    private void remember(Table table, byte[] key, byte[] previous, Kind kind) {
        if (!savepoints.isEmpty()) {
            undoLog.add(new Undo(table, key, previous));
        }
        writes.add(new Write(kind, table, key));
    }

    @Override
    public void setSavepoint() {
        savepoints.push(undoLog.size());
    }

    @Override
    public void rollbackToSavepoint() {
        if (savepoints.isEmpty()) {
            throw new IllegalStateException("rollbackToSavepoint without a savepoint");
        }
        int mark = savepoints.pop();
        for (int i = undoLog.size() - 1; i >= mark; i--) {
            Undo u = undoLog.remove(i);
            if (u.previous() == null) {
                tables.get(u.table()).remove(u.key());
            } else {
                tables.get(u.table()).put(u.key(), u.previous());
            }
        }
    }

    @Override
    public void releaseSavepoint() {
        if (savepoints.isEmpty()) {
            throw new IllegalStateException("releaseSavepoint without a savepoint");
        }
        savepoints.pop();
        if (savepoints.isEmpty()) {
            undoLog.clear();
        }
    }

    // ---- test helpers ----

    /** Every put and delete since creation or {@link #clearWrites()}, in order (rolled-back ones too). */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public void clearWrites() {
        writes.clear();
    }

    /** Scans opened and not yet closed. */
    public int openIterators() {
        return openIterators;
    }

    /** Number of keys in a table. */
    public int size(Table table) {
        return tables.get(table).size();
    }

    /** A copy of a table's contents, in key order. */
    public NavigableMap<byte[], byte[]> contents(Table table) {
        TreeMap<byte[], byte[]> copy = new TreeMap<>(Arrays::compareUnsigned);
        tables.get(table).forEach((k, v) -> copy.put(k.clone(), v.clone()));
        return copy;
    }

    /** Whether both stores hold exactly the same keys and values in every table. */
    public boolean sameContents(InMemoryMetaStore other) {
        for (Table t : Table.values()) {
            TreeMap<byte[], byte[]> a = tables.get(t);
            TreeMap<byte[], byte[]> b = other.tables.get(t);
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<Map.Entry<byte[], byte[]>> ia = a.entrySet().iterator();
            Iterator<Map.Entry<byte[], byte[]>> ib = b.entrySet().iterator();
            while (ia.hasNext()) {
                Map.Entry<byte[], byte[]> ea = ia.next();
                Map.Entry<byte[], byte[]> eb = ib.next();
                if (!Arrays.equals(ea.getKey(), eb.getKey()) || !Arrays.equals(ea.getValue(), eb.getValue())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every table as hex lines, for assertion messages. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (Table t : Table.values()) {
            tables.get(t).forEach((k, v) -> sb.append(t).append(' ').append(hex.formatHex(k)).append(" = ")
                    .append(hex.formatHex(v)).append('\n'));
        }
        return sb.toString();
    }
}
