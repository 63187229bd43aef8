package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.InodeProto;

import java.util.ArrayDeque;
import java.util.Deque;

/** From an inode id back to its path, by walking parent ids up to the root: O(depth) reads. */
final class InodePaths {
    private InodePaths() {
    }

    /** The inode's path, or null if no inode has this id. */
    static String pathOf(MetaReader r, long inodeId) {
        InodeProto inode = InodeTable.get(r, inodeId);
        if (inode == null) {
            return null;
        }
        Deque<String> names = new ArrayDeque<>();
        while (inode.getId() != NamespaceKeys.ROOT_ID) {
            names.push(inode.getName());
            Invariants.check(names.size() <= 1_000_000, "inode %d: parent chain does not reach the root", inodeId);
            inode = InodeTable.require(r, inode.getParentId());
        }
        return names.isEmpty() ? PathNames.ROOT : "/" + String.join("/", names);
    }
}
