package io.hydrafs.meta.store;

import java.util.Arrays;

/**
 * A key of one table as a hash-map key (byte arrays compare by identity). Holds its own copy
 * of the key bytes, so a caller that reuses its array cannot change a map's entry.
 */
final class TableKey {
    private final Table table;
    private final byte[] key;
    private final int hash;

    private TableKey(Table table, byte[] key) {
        this.table = table;
        this.key = key;
        this.hash = 31 * table.ordinal() + Arrays.hashCode(key);
    }

    static TableKey copyOf(Table table, byte[] key) {
        return new TableKey(table, key.clone());
    }

    Table table() {
        return table;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TableKey other && hash == other.hash && table == other.table
                && Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return table + "/" + Arrays.toString(key);
    }
}
