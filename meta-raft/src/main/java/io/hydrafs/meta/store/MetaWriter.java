package io.hydrafs.meta.store;

/**
 * A write batch that reads its own writes: {@link #get} and {@link #scan} see the puts and
 * deletes made so far through this writer, layered over the committed state. Nothing is
 * visible to other readers until the owner commits the batch.
 *
 * <p>Savepoints let one operation of a batch be undone without losing the operations applied
 * before it: the state machine sets a savepoint before each operation and rolls back to it
 * when the operation fails, so nothing is ever half-applied.
 */
public interface MetaWriter extends MetaReader {
    void put(Table table, byte[] key, byte[] value);

    void delete(Table table, byte[] key);

    void setSavepoint();

    /** Undoes every write since the most recent savepoint, and removes that savepoint. */
    void rollbackToSavepoint();

    /** Removes the most recent savepoint, keeping the writes made since it. */
    void releaseSavepoint();
}
