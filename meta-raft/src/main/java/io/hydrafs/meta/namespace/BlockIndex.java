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

    /** The owning file's inode id, or -1 when no file has this block. */
    static long owner(io.hydrafs.meta.store.MetaReader r, long blockId) {
        byte[] v = r.get(Table.BLOCKS, NamespaceKeys.blockKey(blockId));
        return v == null ? -1 : NamespaceKeys.decodeLong(v);
    }

    static void delete(MetaWriter w, long blockId) {
        w.delete(Table.BLOCKS, NamespaceKeys.blockKey(blockId));
    }

    /** Drops a block of the namespace: its entry goes, and the op reports it removed. */
    static void remove(OpContext ctx, BlockProto block) {
        delete(ctx.writer(), block.getBlockId());
        ctx.blockRemoved(block);
    }

    /** Drops every block of a file that leaves the namespace (deleted or overwritten). */
    static void removeAll(OpContext ctx, InodeProto file) {
        for (BlockProto b : file.getBlocksList()) {
            remove(ctx, b);
        }
    }
}
