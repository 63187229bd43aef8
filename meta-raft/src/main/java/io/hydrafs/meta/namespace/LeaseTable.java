package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.KeyValue;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the LEASES table: one key per file under construction, keyed by holder then
 * inode id. Invariant: a key exists iff that inode is under construction with that lease holder.
 */
final class LeaseTable {
    private LeaseTable() {
    }

    /** One lease: a holder writing one file. */
    record Lease(String holder, long inodeId) {
    }

    static void put(MetaWriter w, String holder, long inodeId) {
        w.put(Table.LEASES, NamespaceKeys.leaseKey(holder, inodeId), NamespaceKeys.EMPTY);
    }

    static void delete(MetaWriter w, String holder, long inodeId) {
        w.delete(Table.LEASES, NamespaceKeys.leaseKey(holder, inodeId));
    }

    /** Every lease, ordered by holder then inode id. */
    static List<Lease> all(MetaReader r) {
        List<Lease> out = new ArrayList<>();
        try (MetaReader.ScanIterator it = r.scan(Table.LEASES, NamespaceKeys.EMPTY, null)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                out.add(new Lease(NamespaceKeys.leaseHolder(kv.key()), NamespaceKeys.leaseInodeId(kv.key())));
            }
        }
        return out;
    }
}
