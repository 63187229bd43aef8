package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;

/**
 * Typed access to the BLOCKS table: block id -&gt; owning file. Kept in step with the files'
 * block lists so that a block report can find a replica's file without a namespace walk.
 */
final class BlockIndex {
    private BlockIndex() {
    }

    static void put(MetaWriter w, long blockId, long inodeId) {
        w.put(Table.BLOCKS, NamespaceKeys.blockKey(blockId), NamespaceKeys.encodeLong(inodeId));
    }

    static void delete(MetaWriter w, long blockId) {
        w.delete(Table.BLOCKS, NamespaceKeys.blockKey(blockId));
    }

    static void deleteAll(MetaWriter w, InodeProto file) {
        for (BlockProto b : file.getBlocksList()) {
            delete(w, b.getBlockId());
        }
    }
}
