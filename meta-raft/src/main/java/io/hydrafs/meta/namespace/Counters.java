package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.Invariants;

import java.nio.charset.StandardCharsets;

/**
 * The id counters in the SYSTEM table. They advance inside apply, in log order, so every replica
 * hands out the same ids for the same entry. Each counter stores the next value to hand out.
 */
final class Counters {
    /** The first ids handed out after format. Generation stamps start where HDFS's do. */
    static final long FIRST_INODE_ID = NamespaceKeys.ROOT_ID + 1;
    static final long FIRST_BLOCK_ID = 1;
    static final long FIRST_GENERATION_STAMP = 1001;

    private Counters() {
    }

    static void initialize(MetaWriter w) {
        w.put(Table.SYSTEM, NamespaceKeys.NEXT_INODE_ID_KEY, NamespaceKeys.encodeLong(FIRST_INODE_ID));
        w.put(Table.SYSTEM, NamespaceKeys.NEXT_BLOCK_ID_KEY, NamespaceKeys.encodeLong(FIRST_BLOCK_ID));
        w.put(Table.SYSTEM, NamespaceKeys.NEXT_GENERATION_STAMP_KEY,
                NamespaceKeys.encodeLong(FIRST_GENERATION_STAMP));
    }

    /** Reserves {@code count} consecutive inode ids with one write; returns the first. */
    static long allocateInodeIds(MetaWriter w, int count) {
        return allocate(w, NamespaceKeys.NEXT_INODE_ID_KEY, count);
    }

    static long allocateBlockId(MetaWriter w) {
        return allocate(w, NamespaceKeys.NEXT_BLOCK_ID_KEY, 1);
    }

    static long allocateGenerationStamp(MetaWriter w) {
        return allocate(w, NamespaceKeys.NEXT_GENERATION_STAMP_KEY, 1);
    }

    static long peek(MetaReader r, byte[] key) {
        byte[] v = r.get(Table.SYSTEM, key);
        Invariants.check(v != null, "counter %s missing: namespace not formatted", new String(key, StandardCharsets.US_ASCII));
        return NamespaceKeys.decodeLong(v);
    }

    private static long allocate(MetaWriter w, byte[] key, int count) {
        Invariants.check(count > 0, "allocate %d ids", count);
        long next = peek(w, key);
        w.put(Table.SYSTEM, key, NamespaceKeys.encodeLong(Math.addExact(next, count)));
        return next;
    }
}
