package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.AclScope;
import io.hydrafs.protocol.meta.AclType;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

/**
 * POSIX permission checks as HDFS's FSPermissionChecker makes them, for one caller.
 *
 * <p>The caller is in exactly one class for an inode: owner if it is the owner, else group if it
 * belongs to the inode's group, else other; only that class's rwx bits count (an owner denied by
 * its own bits is denied even if "other" would allow). The superuser, and any member of the
 * supergroup, passes every check. Operations the leader issues itself (lease expiry) use
 * {@link #internal} and pass every check too.
 *
 * <p>An inode with an access ACL ({@link Acls}) is judged by it instead, as HDFS does.
 *
 * <p>Sticky bit (01000) on a directory: a child may be deleted or renamed away only by the owner
 * of the child, the owner of the directory, or the superuser.
 */
final class PermissionChecker {
    static final int STICKY_BIT = 01000;

    private final Caller caller;
    private final boolean superuser;

    private PermissionChecker(Caller caller, boolean superuser) {
        this.caller = caller;
        this.superuser = superuser;
    }

    static PermissionChecker forCaller(NamespacePolicy policy, Caller caller) {
        boolean su = caller.user().equals(policy.superuser()) || caller.isMemberOf(policy.supergroup());
        return new PermissionChecker(caller, su);
    }

    /** For operations the leader issues on its own behalf. */
    static PermissionChecker internal(NamespacePolicy policy) {
        return new PermissionChecker(Caller.of(policy.superuser()), true);
    }

    boolean isSuperuser() {
        return superuser;
    }

    String user() {
        return caller.user();
    }

    boolean isMemberOf(String group) {
        return caller.isMemberOf(group);
    }

    void check(InodeProto inode, String path, Access access) throws HydraException {
        if (!allows(inode, access)) {
            throw denied(inode, path, access);
        }
    }

    /** The check without the message, for hot paths that build the path only on failure. */
    boolean allows(InodeProto inode, Access access) {
        if (superuser) {
            return true;
        }
        return Acls.hasAccessAcl(inode) ? aclAllows(inode, access) : access.grantedBy(classBits(inode));
    }

    /**
     * HDFS's ACL check: the owner by the owner bits; else a named user entry naming the caller;
     * else every group entry (owning or named) of a group the caller is in, any one granting
     * enough; each named or group entry only within the mask (the group bits). A caller matched
     * by an entry that grants too little is denied, not judged as "other".
     */
    private boolean aclAllows(InodeProto inode, Access access) {
        int p = inode.getPermission();
        if (caller.user().equals(inode.getOwner())) {
            return access.grantedBy((p >> 6) & 7);
        }
        int mask = (p >> 3) & 7;
        boolean matched = false;
        for (AclEntryProto e : inode.getAclList()) {
            if (e.getScope() != AclScope.ACL_SCOPE_ACCESS) {
                break;
            }
            if (e.getType() == AclType.ACL_TYPE_USER && caller.user().equals(e.getName())) {
                return access.grantedBy(e.getPermission() & mask);
            }
            if (e.getType() == AclType.ACL_TYPE_GROUP
                    && caller.isMemberOf(e.getName().isEmpty() ? inode.getGroup() : e.getName())) {
                if (access.grantedBy(e.getPermission() & mask)) {
                    return true;
                }
                matched = true;
            }
        }
        return !matched && access.grantedBy(p & 7);
    }

    HydraException denied(InodeProto inode, String path, Access access) {
        return new HydraException(ErrorCode.PERMISSION_DENIED, "Permission denied: user=" + caller.user()
                + ", access=" + access + ", inode=" + describe(inode, path));
    }

    /** Only the owner (or the superuser) may change an inode's permission or owner. */
    void checkOwner(InodeProto inode, String path) throws HydraException {
        if (superuser || caller.user().equals(inode.getOwner())) {
            return;
        }
        throw new HydraException(ErrorCode.PERMISSION_DENIED, "Permission denied: user=" + caller.user()
                + " is not the owner of inode=" + describe(inode, path));
    }

    boolean isOwner(InodeProto inode) {
        return caller.user().equals(inode.getOwner());
    }

    /** Before removing {@code child} from {@code parent} (delete, rename away). */
    void checkStickyBit(InodeProto parent, String parentPath, InodeProto child, String childPath)
            throws HydraException {
        if (superuser || (parent.getPermission() & STICKY_BIT) == 0) {
            return;
        }
        if (caller.user().equals(parent.getOwner()) || caller.user().equals(child.getOwner())) {
            return;
        }
        throw new HydraException(ErrorCode.PERMISSION_DENIED, "Permission denied by sticky bit: user="
                + caller.user() + ", path=" + describe(child, childPath) + ", parent=" + describe(parent, parentPath));
    }

    /** A denial message from user input: explicit text such as "does not belong to group". */
    HydraException denied(String what) {
        return new HydraException(ErrorCode.PERMISSION_DENIED, "Permission denied: user=" + caller.user() + " " + what);
    }

    private int classBits(InodeProto inode) {
        int p = inode.getPermission();
        if (caller.user().equals(inode.getOwner())) {
            return (p >> 6) & 7;
        }
        if (caller.isMemberOf(inode.getGroup())) {
            return (p >> 3) & 7;
        }
        return p & 7;
    }

    /** HDFS's form: "/a/b":owner:group:drwxr-xr-x. */
    static String describe(InodeProto inode, String path) {
        return "\"" + path + "\":" + inode.getOwner() + ":" + inode.getGroup() + ":" + modeString(inode);
    }

    static String modeString(InodeProto inode) {
        int p = inode.getPermission();
        StringBuilder sb = new StringBuilder(10);
        sb.append(inode.getType() == InodeType.DIRECTORY ? 'd' : '-');
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((p & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        if ((p & STICKY_BIT) != 0) {
            sb.setCharAt(9, (p & 1) != 0 ? 't' : 'T');
        }
        return sb.toString();
    }
}
