package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.AclScope;
import io.hydrafs.protocol.meta.AclType;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * POSIX ACLs as HDFS has them (its AclTransformation and AclStorage), as plain functions over
 * entry lists: no store, no caller.
 *
 * <p>The logical ACL of an inode is the full sorted list: the access entries (owner, named
 * users, owning group, named groups, mask, other), then the default entries of a directory. An
 * inode stores only what its permission bits cannot say ({@code InodeProto.acl}): with an
 * extended access ACL the group bits are the mask, as in POSIX, and chmod changes the mask.
 *
 * <p>Each change (modify, remove entries, remove default, remove, set) yields a new logical ACL,
 * checked as HDFS checks it: entries unique by scope, type and name; a mask or other entry has
 * no name; the owner, group and other entries present (in the default ACL too, copied from the
 * access ACL when missing); a mask wherever a named entry is, recalculated as the union of the
 * group class when the change did not give one; at most 32 entries per scope; a default ACL on
 * directories only. A refusal is INVALID_ARGUMENT "Invalid ACL: ...".
 */
final class Acls {
    static final int MAX_ENTRIES = 32;

    /** HDFS's order: access before default; user, group, mask, other; the unnamed entry first, then by name. */
    static final Comparator<AclEntryProto> ORDER = Comparator
            .comparing(AclEntryProto::getScope)
            .thenComparing(AclEntryProto::getType)
            .thenComparing(e -> !e.getName().isEmpty())
            .thenComparing(AclEntryProto::getName);

    private Acls() {
    }

    static AclEntryProto entry(AclScope scope, AclType type, String name, int permission) {
        return AclEntryProto.newBuilder().setScope(scope).setType(type).setName(name).setPermission(permission & 7)
                .build();
    }

    private static boolean sameKey(AclEntryProto a, AclEntryProto b) {
        return a.getScope() == b.getScope() && a.getType() == b.getType() && a.getName().equals(b.getName());
    }

    private static boolean containsKey(List<AclEntryProto> entries, AclEntryProto key) {
        return entries.stream().anyMatch(e -> sameKey(e, key));
    }

    /** Whether the inode's ACL decides access: it has access entries beyond its permission bits. */
    static boolean hasAccessAcl(InodeProto inode) {
        return inode.getAclCount() > 0 && inode.getAcl(0).getScope() == AclScope.ACL_SCOPE_ACCESS;
    }

    /** The stored default entries of a directory (empty if none). */
    static List<AclEntryProto> defaultEntries(InodeProto inode) {
        if (inode.getAclCount() == 0) {
            return List.of();  // every create and mkdirs asks: no stream for the common case
        }
        return inode.getAclList().stream().filter(e -> e.getScope() == AclScope.ACL_SCOPE_DEFAULT).toList();
    }

    /** The full logical ACL of an inode (HDFS's readINodeLogicalAcl). */
    static List<AclEntryProto> logical(InodeProto inode) {
        int perm = inode.getPermission();
        List<AclEntryProto> acl = new ArrayList<>();
        acl.add(entry(AclScope.ACL_SCOPE_ACCESS, AclType.ACL_TYPE_USER, "", perm >> 6));
        if (hasAccessAcl(inode)) {
            inode.getAclList().stream().filter(e -> e.getScope() == AclScope.ACL_SCOPE_ACCESS).forEach(acl::add);
            acl.add(entry(AclScope.ACL_SCOPE_ACCESS, AclType.ACL_TYPE_MASK, "", perm >> 3));
        } else {
            acl.add(entry(AclScope.ACL_SCOPE_ACCESS, AclType.ACL_TYPE_GROUP, "", perm >> 3));
        }
        acl.add(entry(AclScope.ACL_SCOPE_ACCESS, AclType.ACL_TYPE_OTHER, "", perm));
        acl.addAll(defaultEntries(inode));
        return acl;
    }

    /**
     * Stores a checked logical ACL in the inode (HDFS's updateINodeAcl): the permission's owner,
     * group (the mask, with an extended access ACL) and other bits, the rest in the ACL field.
     * The sticky bit stays.
     */
    static InodeProto.Builder store(InodeProto.Builder inode, List<AclEntryProto> acl) throws HydraException {
        List<AclEntryProto> access = acl.stream().filter(e -> e.getScope() == AclScope.ACL_SCOPE_ACCESS).toList();
        List<AclEntryProto> defaults = acl.stream().filter(e -> e.getScope() == AclScope.ACL_SCOPE_DEFAULT).toList();
        if (!defaults.isEmpty() && inode.getType() != InodeType.DIRECTORY) {
            throw invalid("only directories may have a default ACL");
        }
        return write(inode, access, defaults);
    }

    private static InodeProto.Builder write(InodeProto.Builder inode, List<AclEntryProto> access,
                                            List<AclEntryProto> defaults) {
        boolean minimalAccess = access.size() == 3;
        inode.clearAcl();
        if (!minimalAccess) {
            inode.addAllAcl(access.subList(1, access.size() - 2));
        }
        inode.addAllAcl(defaults);
        int owner = access.get(0).getPermission();
        int group = access.get(access.size() - 2).getPermission();  // the mask, or the group of a minimal ACL
        int other = access.get(access.size() - 1).getPermission();
        return inode.setPermission((inode.getPermission() & 07000) | owner << 6 | group << 3 | other);
    }

    /**
     * A new inode under a directory with a default ACL (HDFS's copyINodeDefaultAcl, with POSIX
     * inheritance): its access ACL is the parent's default ACL, the owner, mask and other entries
     * (the group entry, when the default ACL is minimal) filtered by {@code mode}, the mode asked
     * for before any umask; a new directory also takes the default ACL itself.
     */
    static InodeProto.Builder inherit(InodeProto.Builder child, List<AclEntryProto> parentDefaults, int mode) {
        boolean minimal = parentDefaults.size() == 3;
        List<AclEntryProto> access = new ArrayList<>(parentDefaults.size());
        for (AclEntryProto e : parentDefaults) {
            int p = e.getPermission();
            boolean unnamed = e.getName().isEmpty();
            if (e.getType() == AclType.ACL_TYPE_USER && unnamed) {
                p &= mode >> 6;
            } else if (e.getType() == AclType.ACL_TYPE_MASK || e.getType() == AclType.ACL_TYPE_GROUP && minimal) {
                p &= mode >> 3;
            } else if (e.getType() == AclType.ACL_TYPE_OTHER) {
                p &= mode;
            }
            access.add(e.toBuilder().setScope(AclScope.ACL_SCOPE_ACCESS).setPermission(p & 7).build());
        }
        boolean directory = child.getType() == InodeType.DIRECTORY;
        return write(child, access, directory ? parentDefaults : List.of());
    }

    // ---- the five changes ----

    /** modifyAclEntries: entries of the spec replace those with the same key, the others are added. */
    static List<AclEntryProto> modify(List<AclEntryProto> existing, List<AclEntryProto> spec) throws HydraException {
        List<AclEntryProto> sortedSpec = validSpec(spec);
        Change c = new Change();
        for (AclEntryProto e : existing) {
            AclEntryProto replacement = sortedSpec.stream().filter(s -> sameKey(s, e)).findFirst().orElse(null);
            c.keep(replacement != null ? replacement : e, replacement != null);
        }
        for (AclEntryProto s : sortedSpec) {
            if (!containsKey(existing, s)) {
                c.keep(s, true);
            }
        }
        return c.finish();
    }

    /** removeAclEntries: drops the entries whose keys the spec names (their permissions are ignored). */
    static List<AclEntryProto> removeEntries(List<AclEntryProto> existing, List<AclEntryProto> spec)
            throws HydraException {
        List<AclEntryProto> sortedSpec = validSpec(spec);
        Change c = new Change();
        for (AclEntryProto e : existing) {
            if (containsKey(sortedSpec, e)) {
                c.dropped(e);
            } else {
                c.keep(e, false);
            }
        }
        return c.finish();
    }

    /** removeDefaultAcl: the access entries only. */
    static List<AclEntryProto> removeDefault(List<AclEntryProto> existing) throws HydraException {
        return check(new ArrayList<>(existing.stream().filter(e -> e.getScope() == AclScope.ACL_SCOPE_ACCESS)
                .toList()));
    }

    /**
     * removeAcl: the minimal ACL of the permission bits, the group bits from the owning group's
     * entry (not the mask), as HDFS's removeAcl.
     */
    static List<AclEntryProto> remove(List<AclEntryProto> existing) {
        List<AclEntryProto> minimal = new ArrayList<>();
        for (AclEntryProto e : existing) {
            if (e.getScope() == AclScope.ACL_SCOPE_ACCESS && e.getName().isEmpty() && e.getType() != AclType.ACL_TYPE_MASK) {
                minimal.add(e);
            }
        }
        minimal.sort(ORDER);
        return minimal;
    }

    /** setAcl: the spec's scopes replace the existing ones; a scope the spec leaves out stays. */
    static List<AclEntryProto> replace(List<AclEntryProto> existing, List<AclEntryProto> spec) throws HydraException {
        List<AclEntryProto> sortedSpec = validSpec(spec);
        Change c = new Change();
        for (AclEntryProto s : sortedSpec) {
            c.keep(s, true);
        }
        for (AclEntryProto e : existing) {
            if (!c.scopeDirty.contains(e.getScope())) {
                c.keep(e, false);
            }
        }
        return c.finish();
    }

    // ---- checks ----

    private static List<AclEntryProto> validSpec(List<AclEntryProto> spec) throws HydraException {
        List<AclEntryProto> sorted = new ArrayList<>(spec.size());
        for (AclEntryProto e : spec) {
            if (e.getPermission() > 7) {
                throw invalid("permission " + e.getPermission() + " of an entry is not rwx bits (0-7)");
            }
            sorted.add(e);
        }
        sorted.sort(ORDER);
        checkMaxEntries(sorted);
        return sorted;
    }

    /**
     * A change under way: the entries kept (masks aside), which scopes the change touched, the
     * masks given or kept, and which scopes' masks the change named.
     */
    private static final class Change {
        final List<AclEntryProto> entries = new ArrayList<>();
        final Map<AclScope, AclEntryProto> providedMask = new EnumMap<>(AclScope.class);
        final Set<AclScope> maskDirty = EnumSet.noneOf(AclScope.class);
        final Set<AclScope> scopeDirty = EnumSet.noneOf(AclScope.class);

        void keep(AclEntryProto e, boolean fromSpec) {
            if (fromSpec) {
                scopeDirty.add(e.getScope());
            }
            if (e.getType() == AclType.ACL_TYPE_MASK) {
                providedMask.put(e.getScope(), e);
                if (fromSpec) {
                    maskDirty.add(e.getScope());
                }
            } else {
                entries.add(e);
            }
        }

        void dropped(AclEntryProto e) {
            scopeDirty.add(e.getScope());
            if (e.getType() == AclType.ACL_TYPE_MASK) {
                maskDirty.add(e.getScope());
            }
        }

        List<AclEntryProto> finish() throws HydraException {
            copyDefaultsIfNeeded(entries);
            calculateMasks(this);
            return check(entries);
        }
    }

    /** A default ACL lacking an owner, group or other entry takes the access ACL's. */
    private static void copyDefaultsIfNeeded(List<AclEntryProto> entries) {
        boolean hasDefault = entries.stream().anyMatch(e -> e.getScope() == AclScope.ACL_SCOPE_DEFAULT);
        if (!hasDefault) {
            return;
        }
        List<AclEntryProto> copies = new ArrayList<>();
        for (AclType type : List.of(AclType.ACL_TYPE_USER, AclType.ACL_TYPE_GROUP, AclType.ACL_TYPE_OTHER)) {
            AclEntryProto defaultKey = entry(AclScope.ACL_SCOPE_DEFAULT, type, "", 0);
            AclEntryProto accessKey = entry(AclScope.ACL_SCOPE_ACCESS, type, "", 0);
            if (!containsKey(entries, defaultKey)) {
                entries.stream().filter(e -> sameKey(e, accessKey)).findFirst()
                        .ifPresent(a -> copies.add(a.toBuilder().setScope(AclScope.ACL_SCOPE_DEFAULT).build()));
            }
        }
        entries.addAll(copies);
    }

    private static void calculateMasks(Change c) throws HydraException {
        Set<AclScope> scopes = EnumSet.noneOf(AclScope.class);
        Map<AclScope, Integer> groupClass = new EnumMap<>(AclScope.class);
        Set<AclScope> maskNeeded = EnumSet.noneOf(AclScope.class);
        for (AclEntryProto e : c.entries) {
            scopes.add(e.getScope());
            if (e.getType() == AclType.ACL_TYPE_GROUP || !e.getName().isEmpty()) {
                groupClass.merge(e.getScope(), e.getPermission(), (a, b) -> a | b);
            }
            if (!e.getName().isEmpty()) {
                maskNeeded.add(e.getScope());
            }
        }
        for (AclScope scope : scopes) {
            AclEntryProto provided = c.providedMask.get(scope);
            if (provided == null && maskNeeded.contains(scope) && c.maskDirty.contains(scope)) {
                throw invalid("mask is required and cannot be deleted");
            } else if (provided != null && (!c.scopeDirty.contains(scope) || c.maskDirty.contains(scope))) {
                c.entries.add(provided);
            } else if (maskNeeded.contains(scope) || provided != null) {
                c.entries.add(entry(scope, AclType.ACL_TYPE_MASK, "", groupClass.getOrDefault(scope, 0)));
            }
        }
    }

    /** Sorts and checks a whole logical ACL (HDFS's buildAndValidateAcl). */
    private static List<AclEntryProto> check(List<AclEntryProto> acl) throws HydraException {
        acl.sort(ORDER);
        for (int i = 0; i < acl.size(); i++) {
            AclEntryProto e = acl.get(i);
            if (i > 0 && sameKey(acl.get(i - 1), e)) {
                throw invalid("multiple entries with same scope, type and name");
            }
            if (!e.getName().isEmpty() && (e.getType() == AclType.ACL_TYPE_MASK || e.getType() == AclType.ACL_TYPE_OTHER)) {
                throw invalid("this entry type must not have a name: " + describe(e));
            }
        }
        checkMaxEntries(acl);
        boolean hasDefault = acl.stream().anyMatch(e -> e.getScope() == AclScope.ACL_SCOPE_DEFAULT);
        for (AclType type : List.of(AclType.ACL_TYPE_USER, AclType.ACL_TYPE_GROUP, AclType.ACL_TYPE_OTHER)) {
            if (!containsKey(acl, entry(AclScope.ACL_SCOPE_ACCESS, type, "", 0))) {
                throw invalid("the user, group and other entries are required");
            }
            if (hasDefault && !containsKey(acl, entry(AclScope.ACL_SCOPE_DEFAULT, type, "", 0))) {
                throw invalid("the user, group and other entries of a default ACL are required");
            }
        }
        return acl;
    }

    private static void checkMaxEntries(List<AclEntryProto> entries) throws HydraException {
        for (AclScope scope : List.of(AclScope.ACL_SCOPE_ACCESS, AclScope.ACL_SCOPE_DEFAULT)) {
            long n = entries.stream().filter(e -> e.getScope() == scope).count();
            if (n > MAX_ENTRIES) {
                throw invalid("ACL has " + n + " " + (scope == AclScope.ACL_SCOPE_ACCESS ? "access" : "default")
                        + " entries, which exceeds maximum of " + MAX_ENTRIES);
            }
        }
    }

    /** An entry as getfacl prints it: [default:]type:name:rwx. */
    static String describe(AclEntryProto e) {
        String type = switch (e.getType()) {
            case ACL_TYPE_USER -> "user";
            case ACL_TYPE_GROUP -> "group";
            case ACL_TYPE_MASK -> "mask";
            default -> "other";
        };
        int p = e.getPermission();
        String rwx = ((p & 4) != 0 ? "r" : "-") + ((p & 2) != 0 ? "w" : "-") + ((p & 1) != 0 ? "x" : "-");
        return (e.getScope() == AclScope.ACL_SCOPE_DEFAULT ? "default:" : "") + type + ":" + e.getName() + ":" + rwx;
    }

    private static HydraException invalid(String why) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, "Invalid ACL: " + why);
    }
}
