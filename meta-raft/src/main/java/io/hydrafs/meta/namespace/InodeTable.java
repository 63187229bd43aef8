package io.hydrafs.meta.namespace;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaStoreException;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.InodeProto;

/** Typed access to the INODES table. An unreadable value is corruption: fatal, never a client error. */
final class InodeTable {
    private InodeTable() {
    }

    /** The inode, or null when no inode has this id. */
    static InodeProto get(MetaReader r, long id) {
        byte[] v = r.get(Table.INODES, NamespaceKeys.inodeKey(id));
        if (v == null) {
            return null;
        }
        try {
            return InodeProto.parseFrom(v);
        } catch (InvalidProtocolBufferException e) {
            throw new MetaStoreException("inode " + id + " is corrupt", e);
        }
    }

    /** An inode that a directory entry or the layout says exists. */
    static InodeProto require(MetaReader r, long id) {
        InodeProto inode = get(r, id);
        Invariants.check(inode != null, "inode %d is referenced but missing (namespace not formatted?)", id);
        return inode;
    }

    static void put(MetaWriter w, InodeProto inode) {
        w.put(Table.INODES, NamespaceKeys.inodeKey(inode.getId()), inode.toByteArray());
    }

    static void delete(MetaWriter w, long id) {
        w.delete(Table.INODES, NamespaceKeys.inodeKey(id));
    }
}
