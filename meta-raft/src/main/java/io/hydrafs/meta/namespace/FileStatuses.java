package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeProto;

/** The client's view of an inode. */
final class FileStatuses {
    private FileStatuses() {
    }

    static FileStatusProto of(InodeProto inode, String path) {
        return FileStatusProto.newBuilder()
                .setPath(path)
                .setType(inode.getType())
                .setLength(inode.getLength())
                .setReplication(inode.getReplication())
                .setBlockSize(inode.getBlockSize())
                .setMtimeMs(inode.getMtimeMs())
                .setAtimeMs(inode.getAtimeMs())
                .setPermission(inode.getPermission())
                .setOwner(inode.getOwner())
                .setGroup(inode.getGroup())
                .setInodeId(inode.getId())
                .setUnderConstruction(inode.getUnderConstruction())
                .setChildCount(inode.getChildCount())
                .setHasAcl(inode.getAclCount() > 0)
                .build();
    }
}
