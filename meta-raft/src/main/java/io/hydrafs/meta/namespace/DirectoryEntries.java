package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.KeyValue;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Typed access to the DENTRIES table: (parent id, name) -&gt; child id. A directory's entries are
 * one contiguous key range sorted by the names' UTF-8 bytes, which is the listing order.
 */
final class DirectoryEntries {
    private DirectoryEntries() {
    }

    /** One entry of a directory. */
    record Entry(String name, long childId) {
    }

    /** The child's inode id, or 0 when the directory has no entry with this name. */
    static long lookup(MetaReader r, long parentId, String name) {
        byte[] v = r.get(Table.DENTRIES, NamespaceKeys.dentryKey(parentId, name));
        return v == null ? 0 : NamespaceKeys.decodeLong(v);
    }

    static void put(MetaWriter w, long parentId, String name, long childId) {
        w.put(Table.DENTRIES, NamespaceKeys.dentryKey(parentId, name), NamespaceKeys.encodeLong(childId));
    }

    static void delete(MetaWriter w, long parentId, String name) {
        w.delete(Table.DENTRIES, NamespaceKeys.dentryKey(parentId, name));
    }

    /**
     * Up to {@code max} entries whose names sort strictly after {@code startAfter} ("" = from the
     * first). The scan is closed before returning, so the caller may write while using the result.
     */
    static List<Entry> list(MetaReader r, long parentId, String startAfter, int max) {
        byte[] from = startAfter.isEmpty()
                ? NamespaceKeys.dentryPrefix(parentId)
                : NamespaceKeys.dentryKeyAfter(parentId, startAfter);
        List<Entry> out = new ArrayList<>();
        try (MetaReader.ScanIterator it = r.scan(Table.DENTRIES, from, NamespaceKeys.dentryPrefixEnd(parentId))) {
            while (it.hasNext() && out.size() < max) {
                KeyValue kv = it.next();
                out.add(new Entry(NamespaceKeys.dentryName(kv.key()), NamespaceKeys.decodeLong(kv.value())));
            }
        }
        return out;
    }

    /**
     * Every entry of a directory in listing order, read {@code page} entries at a time, so that a
     * huge directory is never in memory at once. The action may read the store, not write it.
     */
    static void forEach(MetaReader r, long parentId, int page, Consumer<Entry> action) {
        String after = "";
        List<Entry> entries;
        do {
            entries = list(r, parentId, after, page);
            for (Entry e : entries) {
                action.accept(e);
            }
            after = entries.isEmpty() ? after : entries.get(entries.size() - 1).name();
        } while (entries.size() == page);
    }

    /** Every entry of a directory; callers bound the size by the directory's child count. */
    static List<Entry> listAll(MetaReader r, long parentId) {
        return list(r, parentId, "", Integer.MAX_VALUE);
    }
}
