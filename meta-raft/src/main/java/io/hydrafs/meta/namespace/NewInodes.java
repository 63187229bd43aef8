package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings new inodes into the tree, with HDFS's defaults: the caller owns them, the group comes
 * from the parent directory, the permission is the requested one (0 = 0777 for a directory,
 * 0666 for a file) less the umask, and a directory's access time stays 0.
 */
final class NewInodes {
    static final int DEFAULT_DIRECTORY_PERMISSION = 0777;
    static final int DEFAULT_FILE_PERMISSION = 0666;
    /**
     * Added to directories created implicitly on the way to a new path (HDFS's "implicit u+wx"),
     * so their creator can always go on to create inside them.
     */
    static final int IMPLICIT_OWNER_WRITE_EXECUTE = 0300;

    private NewInodes() {
    }

    static int permission(int requested, int defaultPermission, int umask) {
        return unmasked(requested, defaultPermission) & ~umask;
    }

    /** The mode asked for, before the umask: what a parent's default ACL filters instead. */
    static int unmasked(int requested, int defaultPermission) {
        return requested == 0 ? defaultPermission : requested & 07777;
    }

    /**
     * The modes of a chain's new inodes as asked for, before the umask: used instead of the
     * umasked permission when the new inode's parent has a default ACL (see {@link Acls#inherit}).
     */
    record Modes(int implicitDirectories, int last) {
    }

    static InodeProto.Builder directory(OpContext ctx, String name, String group, int permission) {
        return InodeProto.newBuilder()
                .setType(InodeType.DIRECTORY)
                .setName(name)
                .setOwner(ctx.access.user())
                .setGroup(group)
                .setPermission(permission)
                .setMtimeMs(ctx.nowMs());
    }

    /** Missing directories on the way to a path, for mkdirs -p and create with create_parent. */
    static List<InodeProto.Builder> implicitDirectories(OpContext ctx, List<String> names, String group,
                                                        int permission) {
        List<InodeProto.Builder> dirs = new ArrayList<>(names.size());
        for (String name : names) {
            dirs.add(directory(ctx, name, group, permission | IMPLICIT_OWNER_WRITE_EXECUTE));
        }
        return dirs;
    }

    /**
     * Links a chain of new inodes under an existing directory: chain[0] becomes a child of
     * {@code parent}, chain[i + 1] a child of chain[i]. Ids come from one counter write, each new
     * inode is written once with its final child count, and the parent gains one child and the
     * current mtime. Under a parent with a default ACL, the new inodes take their ACL from it and
     * their permission from {@code modes} (a new directory passes the default ACL on down the
     * chain). Returns the written inodes, in chain order.
     */
    static List<InodeProto> link(OpContext ctx, InodeProto parent, List<InodeProto.Builder> chain, Modes modes) {
        Invariants.check(!chain.isEmpty(), "empty chain of new inodes");
        Invariants.check(parent.getType() == InodeType.DIRECTORY, "linking under file %d", parent.getId());
        long firstId = Counters.allocateInodeIds(ctx.writer(), chain.size());
        List<InodeProto> written = new ArrayList<>(chain.size());
        long parentId = parent.getId();
        List<AclEntryProto> inheritedDefaults = Acls.defaultEntries(parent);
        for (int i = 0; i < chain.size(); i++) {
            boolean hasChild = i < chain.size() - 1;
            InodeProto.Builder b = chain.get(i).setId(firstId + i).setParentId(parentId);
            Invariants.check(!hasChild || b.getType() == InodeType.DIRECTORY, "a file in the middle of a chain");
            if (b.getType() == InodeType.DIRECTORY) {
                b.setChildCount(hasChild ? 1 : 0);
            }
            if (!inheritedDefaults.isEmpty()) {
                int mode = hasChild ? modes.implicitDirectories() : modes.last();
                Acls.inherit(b.setPermission(mode), inheritedDefaults, mode);
            }
            InodeProto inode = b.build();
            InodeTable.put(ctx.writer(), inode);
            DirectoryEntries.put(ctx.writer(), parentId, inode.getName(), inode.getId());
            written.add(inode);
            parentId = inode.getId();
        }
        InodeTable.put(ctx.writer(), parent.toBuilder()
                .setChildCount(parent.getChildCount() + 1)
                .setMtimeMs(ctx.nowMs())
                .build());
        return written;
    }
}
