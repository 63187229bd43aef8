package io.hydrafs.meta.store;

import io.hydrafs.protocol.error.Invariants;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest write of each key in an open batch, for the tables whose gets bypass RocksDB's
 * batch index (see {@link CommittedCache}), with savepoints: a rollback restores exactly the
 * writes made before its savepoint. Not thread-safe, like the batch that owns it.
 */
final class PendingWrites {
    /** The value of a key the batch deleted; compared by identity. */
    static final byte[] DELETED = new byte[0];

    private final Map<TableKey, byte[]> latest = new HashMap<>();
    /** What each write replaced (null: nothing); kept only while a savepoint is set. */
    private final List<Undo> undo = new ArrayList<>();
    /** For each savepoint set, the size of {@link #undo} when it was set. */
    private final List<Integer> savepoints = new ArrayList<>();

    private record Undo(TableKey key, byte[] previous) {
    }

    /**
     * The batch's latest write of key: its value, {@link #DELETED}, or null if the batch has
     * not written it. The returned array must not be changed.
     */
    byte[] lookup(TableKey key) {
        return latest.get(key);
    }

    void put(TableKey key, byte[] value) {
        record(key, latest.put(key, value.clone()));
    }

    void delete(TableKey key) {
        record(key, latest.put(key, DELETED));
    }

    private void record(TableKey key, byte[] previous) {
        if (!savepoints.isEmpty()) {
            undo.add(new Undo(key, previous));
        }
    }

    void setSavepoint() {
        savepoints.add(undo.size());
    }

    void rollbackToSavepoint() {
        Invariants.check(!savepoints.isEmpty(), "rollback without a savepoint");
        int mark = savepoints.remove(savepoints.size() - 1);
        for (int i = undo.size() - 1; i >= mark; i--) {
            Undo u = undo.remove(i);
            if (u.previous() == null) {
                latest.remove(u.key());
            } else {
                latest.put(u.key(), u.previous());
            }
        }
    }

    void releaseSavepoint() {
        Invariants.check(!savepoints.isEmpty(), "release without a savepoint");
        savepoints.remove(savepoints.size() - 1);
        // an enclosing savepoint still needs the undo records of the released one
        if (savepoints.isEmpty()) {
            undo.clear();
        }
    }

    /** Every key's latest write ({@link #DELETED} for deletes); a read-only view. */
    Map<TableKey, byte[]> all() {
        return Collections.unmodifiableMap(latest);
    }
}
