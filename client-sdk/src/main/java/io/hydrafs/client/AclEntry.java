package io.hydrafs.client;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.Locale;

/**
 * One entry of a POSIX ACL, as HDFS's {@code AclEntry}: {@code user:alice:rwx},
 * {@code default:group::r-x}, {@code mask::r--}. An empty name is the unnamed entry (the owner,
 * the owning group); mask and other entries have none.
 *
 * @param permission rwx bits, 0-7
 */
public record AclEntry(boolean isDefault, Type type, String name, int permission) {
    public enum Type { USER, GROUP, MASK, OTHER }

    public AclEntry {
        if (permission < 0 || permission > 7) {
            throw new IllegalArgumentException("an ACL entry's permission is rwx bits, 0-7: " + permission);
        }
        name = name == null ? "" : name;
    }

    /**
     * An entry as getfacl prints and setfacl takes it: {@code [default:]type:[name][:rwx]}. With
     * {@code withPermission} false (removeAclEntries names entries only) the permission may be
     * left out.
     */
    public static AclEntry parse(String text, boolean withPermission) throws HydraException {
        String[] f = text.trim().split(":", -1);
        int i = f.length > 0 && f[0].equals("default") ? 1 : 0;
        int fields = f.length - i;
        if (fields < 2 || fields > 3 || withPermission && fields != 3) {
            throw invalid(text, withPermission ? "expected [default:]type:name:rwx" : "expected [default:]type:name");
        }
        Type type;
        try {
            type = Type.valueOf(f[i].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(text, "the type is user, group, mask or other");
        }
        int permission = 0;
        if (fields == 3) {
            String rwx = f[i + 2];
            if (!rwx.matches("[r-][w-][x-]")) {
                throw invalid(text, "the permission is three of r/w/x or '-', e.g. r-x");
            }
            permission = (rwx.charAt(0) == 'r' ? 4 : 0) | (rwx.charAt(1) == 'w' ? 2 : 0) | (rwx.charAt(2) == 'x' ? 1 : 0);
        }
        return new AclEntry(i == 1, type, f[i + 1], permission);
    }

    private static HydraException invalid(String text, String why) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, "invalid ACL entry '" + text + "': " + why);
    }

    /** {@code [default:]type:name:rwx}, as getfacl prints it. */
    @Override
    public String toString() {
        return (isDefault ? "default:" : "") + type.name().toLowerCase(Locale.ROOT) + ":" + name + ":"
                + Permissions.format(permission).substring(6);
    }
}
