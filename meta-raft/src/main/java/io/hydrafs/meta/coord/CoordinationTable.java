package io.hydrafs.meta.coord;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.store.KeyValue;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaStoreException;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.CoordRecordProto;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and writes of the COORDINATION table (layout: {@link CoordKeys}). No rules here, only
 * encoding: what may be written is decided by {@link CoordinationRules} and
 * {@link Coordination}. The table lives in the same RocksDB database as the namespace, so it is
 * in every checkpoint (snapshot) and every applied WriteBatch with no extra work.
 */
final class CoordinationTable {
    /** A Raft term and the batch time of its first applied entry. */
    record TermStart(long term, long startMs) {
        static final TermStart NONE = new TermStart(0, 0);
    }

    private CoordinationTable() {
    }

    /** The record stored under a client key, or null. */
    static CoordRecordProto get(MetaReader r, String key) {
        byte[] v = r.get(Table.COORDINATION, CoordKeys.recordKey(key));
        if (v == null) {
            return null;
        }
        try {
            return CoordRecordProto.parseFrom(v);
        } catch (InvalidProtocolBufferException e) {
            throw new MetaStoreException("corrupt coordination record '" + key + "'", e);
        }
    }

    /** Stores the record; its version becomes the table's revision. */
    static void put(MetaWriter w, String key, CoordRecordProto record) {
        long revision = revision(w);
        Invariants.check(record.getVersion() > revision, "coordination record '%s' written at version %d,"
                + " not above the revision %d", key, record.getVersion(), revision);
        w.put(Table.COORDINATION, CoordKeys.recordKey(key), record.toByteArray());
        w.put(Table.COORDINATION, CoordKeys.REVISION_KEY, encodeLong(record.getVersion()));
    }

    static void delete(MetaWriter w, String key) {
        w.delete(Table.COORDINATION, CoordKeys.recordKey(key));
    }

    /** The highest version ever given to a record (0 before the first write). */
    static long revision(MetaReader r) {
        byte[] v = r.get(Table.COORDINATION, CoordKeys.REVISION_KEY);
        return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }

    /** The latest term an applied entry carried, or {@link TermStart#NONE} before the first. */
    static TermStart term(MetaReader r) {
        byte[] v = r.get(Table.COORDINATION, CoordKeys.TERM_KEY);
        if (v == null) {
            return TermStart.NONE;
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return new TermStart(b.getLong(), b.getLong());
    }

    static void putTerm(MetaWriter w, TermStart t) {
        w.put(Table.COORDINATION, CoordKeys.TERM_KEY,
                ByteBuffer.allocate(16).putLong(t.term()).putLong(t.startMs()).array());
    }

    static void setDecommissioning(MetaWriter w, String blockstoreId, boolean on) {
        if (on) {
            w.put(Table.COORDINATION, CoordKeys.decommissioningKey(blockstoreId), new byte[0]);
        } else {
            w.delete(Table.COORDINATION, CoordKeys.decommissioningKey(blockstoreId));
        }
    }

    static Set<String> decommissioning(MetaReader r) {
        Set<String> ids = new TreeSet<>();
        byte[] from = {CoordKeys.DECOMMISSIONING};
        byte[] to = {(byte) (CoordKeys.DECOMMISSIONING + 1)};
        try (MetaReader.ScanIterator it = r.scan(Table.COORDINATION, from, to)) {
            while (it.hasNext()) {
                KeyValue kv = it.next();
                ids.add(CoordKeys.blockstoreIdOf(kv.key()));
            }
        }
        return ids;
    }

    private static byte[] encodeLong(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }
}
