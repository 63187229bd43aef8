package io.hydrafs.ops.fs;

import io.hydrafs.client.AclEntry;
import io.hydrafs.client.AclStatus;
import io.hydrafs.client.FileStatus;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.List;

/** {@code hydra fs getfacl} and {@code setfacl}, as {@code hdfs dfs -getfacl/-setfacl}. */
public final class AclVerbs {
    private final FsSession session;

    public AclVerbs(FsSession session) {
        this.session = session;
    }

    /** What {@code setfacl} does to each path. */
    public enum Change { MODIFY, REMOVE_ENTRIES, REMOVE_DEFAULT, REMOVE, SET }

    /** For each path (and below it with {@code recursive}): the header, the whole ACL, a blank line. */
    public void getfacl(List<String> paths, boolean recursive) {
        FsTree.forEachTarget(session, paths, recursive, s -> {
            lines(s.path(), session.fs().getAclStatus(s.path())).forEach(session::println);
            session.println("");
        });
    }

    /**
     * Applies one change to each path (and below it with {@code recursive}). Default entries go
     * to directories only: on a file below a directory they are left out, as HDFS's -R does.
     */
    public void setfacl(Change change, List<AclEntry> spec, List<String> paths, boolean recursive) {
        FsTree.forEachTarget(session, paths, recursive, s -> apply(change, s.isDirectory() ? spec
                : spec.stream().filter(e -> !e.isDefault()).toList(), s));
    }

    private void apply(Change change, List<AclEntry> spec, FileStatus s) throws HydraException {
        switch (change) {
            case MODIFY -> session.fs().modifyAclEntries(s.path(), spec);
            case REMOVE_ENTRIES -> session.fs().removeAclEntries(s.path(), spec);
            case REMOVE_DEFAULT -> session.fs().removeDefaultAcl(s.path());
            case REMOVE -> session.fs().removeAcl(s.path());
            case SET -> session.fs().setAcl(s.path(), spec);
        }
    }

    /** A comma-separated ACL spec: {@code user:alice:rwx,default:group::r-x}. */
    public static List<AclEntry> parseSpec(String spec, boolean withPermission) {
        List<AclEntry> entries = new ArrayList<>();
        for (String text : spec.split(",")) {
            try {
                entries.add(AclEntry.parse(text, withPermission));
            } catch (HydraException e) {
                throw new IllegalArgumentException(e.detail(), e);
            }
        }
        return entries;
    }

    /**
     * getfacl's lines: "# file/owner/group", then the whole ACL (the owner, mask and other
     * entries from the permission bits), a named or group entry the mask cuts down followed by
     * "#effective:" and what it grants.
     */
    static List<String> lines(String path, AclStatus acl) {
        List<String> lines = new ArrayList<>(List.of("# file: " + path, "# owner: " + acl.owner(),
                "# group: " + acl.group()));
        int perm = acl.permission();
        List<AclEntry> access = acl.entries().stream().filter(e -> !e.isDefault()).toList();
        List<AclEntry> defaults = acl.entries().stream().filter(AclEntry::isDefault).toList();
        lines.add(new AclEntry(false, AclEntry.Type.USER, "", (perm >> 6) & 7).toString());
        if (access.isEmpty()) {
            lines.add(new AclEntry(false, AclEntry.Type.GROUP, "", (perm >> 3) & 7).toString());
        } else {
            access.forEach(e -> lines.add(withEffective(e, (perm >> 3) & 7)));
            lines.add(new AclEntry(false, AclEntry.Type.MASK, "", (perm >> 3) & 7).toString());
        }
        lines.add(new AclEntry(false, AclEntry.Type.OTHER, "", perm & 7).toString());
        int defaultMask = defaults.stream().filter(e -> e.type() == AclEntry.Type.MASK).mapToInt(AclEntry::permission)
                .findFirst().orElse(7);
        defaults.forEach(e -> lines.add(e.type() == AclEntry.Type.USER && e.name().isEmpty()
                || e.type() == AclEntry.Type.MASK || e.type() == AclEntry.Type.OTHER
                ? e.toString() : withEffective(e, defaultMask)));
        return lines;
    }

    private static String withEffective(AclEntry e, int mask) {
        int effective = e.permission() & mask;
        if (effective == e.permission()) {
            return e.toString();
        }
        String rwx = new AclEntry(false, AclEntry.Type.OTHER, "", effective).toString();
        return e + "\t#effective:" + rwx.substring(rwx.length() - 3);
    }
}
