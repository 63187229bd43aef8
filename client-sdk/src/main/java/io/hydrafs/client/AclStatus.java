package io.hydrafs.client;

import java.util.List;

/**
 * An inode's ACL, as HDFS's {@code getAclStatus}: its owner, group and permission bits (with an
 * extended ACL the group bits are the mask), and the entries beyond them: named users, the owning
 * group, named groups, then the default ACL of a directory. Empty entries: the bits say all.
 */
public record AclStatus(String owner, String group, int permission, List<AclEntry> entries) {
    public AclStatus {
        entries = List.copyOf(entries);
    }
}
