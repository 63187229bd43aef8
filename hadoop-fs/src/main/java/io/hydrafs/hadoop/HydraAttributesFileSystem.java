package io.hydrafs.hadoop;

import io.hydrafs.client.AclEntry;
import io.hydrafs.client.AclStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.XAttrFlag;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.XAttrSetFlag;
import org.apache.hadoop.fs.permission.AclEntryScope;
import org.apache.hadoop.fs.permission.AclEntryType;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.hydrafs.hadoop.HadoopErrors.lookingUp;

/**
 * The adapter's extended attributes and ACLs, as HDFS's {@code DistributedFileSystem} has them:
 * {@link HydraHadoopFileSystem} is this plus the namespace and the data. A missing path is
 * FileNotFoundException, an ACL change by someone not the owner AccessControlException, an
 * invalid ACL an IOException saying why ("Invalid ACL: ...").
 */
abstract class HydraAttributesFileSystem extends FileSystem {
    /** The connected SDK client. */
    abstract HydraFileSystem sdk();

    /** The HydraFS path of a Hadoop path of this file system. */
    abstract String pathOf(Path p);

    /**
     * Sets an extended attribute as HDFS does ({@code user.}, or {@code trusted.} for the
     * superuser). An attribute that is missing (REPLACE alone) or there (CREATE alone) is an
     * IOException, as on HDFS; a missing path is FileNotFoundException.
     */
    @Override
    public void setXAttr(Path p, String name, byte[] value, EnumSet<XAttrSetFlag> flag) throws IOException {
        String path = pathOf(p);
        Set<XAttrFlag> flags = EnumSet.noneOf(XAttrFlag.class);
        flag.forEach(f -> flags.add(XAttrFlag.valueOf(f.name())));  // CREATE and REPLACE in both
        lookingUp(() -> sdk().setXAttr(path, name, value == null ? new byte[0] : value, flags));
    }

    @Override
    public byte[] getXAttr(Path p, String name) throws IOException {
        String path = pathOf(p);
        return lookingUp(() -> sdk().getXAttrs(path, List.of(name))).values().iterator().next();
    }

    @Override
    public Map<String, byte[]> getXAttrs(Path p) throws IOException {
        return getXAttrs(p, List.of());
    }

    @Override
    public Map<String, byte[]> getXAttrs(Path p, List<String> names) throws IOException {
        String path = pathOf(p);
        return lookingUp(() -> sdk().getXAttrs(path, names));
    }

    @Override
    public List<String> listXAttrs(Path p) throws IOException {
        String path = pathOf(p);
        return lookingUp(() -> sdk().listXAttrs(path));
    }

    @Override
    public void removeXAttr(Path p, String name) throws IOException {
        String path = pathOf(p);
        lookingUp(() -> sdk().removeXAttr(path, name));
    }

    @Override
    public void modifyAclEntries(Path p, List<org.apache.hadoop.fs.permission.AclEntry> spec) throws IOException {
        String path = pathOf(p);
        List<AclEntry> entries = toHydra(spec);
        lookingUp(() -> sdk().modifyAclEntries(path, entries));
    }

    @Override
    public void removeAclEntries(Path p, List<org.apache.hadoop.fs.permission.AclEntry> spec) throws IOException {
        String path = pathOf(p);
        List<AclEntry> entries = toHydra(spec);
        lookingUp(() -> sdk().removeAclEntries(path, entries));
    }

    @Override
    public void removeDefaultAcl(Path p) throws IOException {
        String path = pathOf(p);
        lookingUp(() -> sdk().removeDefaultAcl(path));
    }

    @Override
    public void removeAcl(Path p) throws IOException {
        String path = pathOf(p);
        lookingUp(() -> sdk().removeAcl(path));
    }

    @Override
    public void setAcl(Path p, List<org.apache.hadoop.fs.permission.AclEntry> spec) throws IOException {
        String path = pathOf(p);
        List<AclEntry> entries = toHydra(spec);
        lookingUp(() -> sdk().setAcl(path, entries));
    }

    @Override
    public org.apache.hadoop.fs.permission.AclStatus getAclStatus(Path p) throws IOException {
        String path = pathOf(p);
        AclStatus s = lookingUp(() -> sdk().getAclStatus(path));
        return new org.apache.hadoop.fs.permission.AclStatus.Builder()
                .owner(s.owner()).group(s.group())
                .stickyBit((s.permission() & 01000) != 0)
                .setPermission(new FsPermission((short) s.permission()))
                .addEntries(s.entries().stream().map(HydraAttributesFileSystem::toHadoop).toList())
                .build();
    }

    private static List<AclEntry> toHydra(List<org.apache.hadoop.fs.permission.AclEntry> spec) {
        return spec.stream().map(e -> new AclEntry(e.getScope() == AclEntryScope.DEFAULT,
                AclEntry.Type.valueOf(e.getType().name()), e.getName(),
                e.getPermission() == null ? 0 : e.getPermission().ordinal())).toList();
    }

    private static org.apache.hadoop.fs.permission.AclEntry toHadoop(AclEntry e) {
        return new org.apache.hadoop.fs.permission.AclEntry.Builder()
                .setScope(e.isDefault() ? AclEntryScope.DEFAULT : AclEntryScope.ACCESS)
                .setType(AclEntryType.valueOf(e.type().name()))
                .setName(e.name().isEmpty() ? null : e.name())
                .setPermission(FsAction.values()[e.permission()])
                .build();
    }
}
