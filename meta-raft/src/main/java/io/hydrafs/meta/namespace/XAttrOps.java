package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.GetXAttrsRequest;
import io.hydrafs.protocol.meta.GetXAttrsResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.ListXAttrsRequest;
import io.hydrafs.protocol.meta.ListXAttrsResponse;
import io.hydrafs.protocol.meta.RemoveXAttrRequest;
import io.hydrafs.protocol.meta.SetXAttrRequest;
import io.hydrafs.protocol.meta.XAttrProto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Extended attributes, with HDFS's rules. They live in the inode (sorted by name), so a rename
 * or delete carries them along at no extra cost.
 *
 * <p>Names: a namespace, a dot, then at least one character; the namespace is case-insensitive
 * and stored in lower case ("USER.a" is "user.a"). Clients may use {@code user.} (access as the
 * inode's permission bits say) and {@code trusted.} (superuser only, hidden from others);
 * {@code security.}, {@code system.} and {@code raw.} hold HDFS's internal attributes, which
 * HydraFS has none of, and are refused (INVALID_ARGUMENT).
 *
 * <p>Access: setting or removing needs WRITE on the inode, except on a sticky directory, where
 * only its owner may (HDFS's rule); getting values needs READ; listing names needs only the
 * path's traversal. Removing an attribute that is not there, asking for it by name, or replacing
 * it with the replace flag alone is XATTR_NOT_FOUND; creating one that is there with the create
 * flag alone is XATTR_ALREADY_EXISTS (HDFS answers both with a plain IOException, never
 * FileNotFoundException or FileAlreadyExistsException, which would be about the path).
 *
 * <p>Limits (HDFS's defaults, fixed here): at most {@value #MAX_PER_INODE} attributes per inode,
 * and a name (without its namespace) plus value of at most {@value #MAX_SIZE_BYTES} bytes.
 * Changing an attribute leaves the inode's times alone, as HDFS.
 */
final class XAttrOps {
    static final int MAX_PER_INODE = 32;
    static final int MAX_SIZE_BYTES = 16_384;

    private static final String USER = "user.";
    private static final String TRUSTED = "trusted.";
    private static final List<String> INTERNAL = List.of("security.", "system.", "raw.");

    private XAttrOps() {
    }

    static EmptyResponse set(OpContext ctx, SetXAttrRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        String name = normalize(ctx, req.getXattr().getName());
        InodeProto inode = rp.last();
        checkChange(ctx, rp, inode);
        int size = name.substring(namespaceOf(name).length()).getBytes(StandardCharsets.UTF_8).length
                + req.getXattr().getValue().size();
        if (size > MAX_SIZE_BYTES) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "extended attribute " + name + " of " + rp.path()
                    + " is too big: name and value take " + size + " bytes, the limit is " + MAX_SIZE_BYTES);
        }
        boolean mayCreate = req.getCreate() || !req.getReplace();
        boolean mayReplace = req.getReplace() || !req.getCreate();
        List<XAttrProto> xattrs = new ArrayList<>(inode.getXattrsList());
        int at = indexOf(xattrs, name);
        XAttrProto xattr = XAttrProto.newBuilder().setName(name).setValue(req.getXattr().getValue()).build();
        if (at >= 0) {
            if (!mayReplace) {
                throw new HydraException(ErrorCode.XATTR_ALREADY_EXISTS, "extended attribute " + name + " of "
                        + rp.path() + " already exists (the CREATE flag alone does not replace it)");
            }
            xattrs.set(at, xattr);
        } else {
            if (!mayCreate) {
                throw new HydraException(ErrorCode.XATTR_NOT_FOUND, "extended attribute " + name + " of " + rp.path()
                        + " does not exist (the REPLACE flag alone does not create it)");
            }
            if (xattrs.size() >= MAX_PER_INODE) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "cannot add extended attribute " + name + " to "
                        + rp.path() + ": it has " + xattrs.size() + ", the limit is " + MAX_PER_INODE);
            }
            xattrs.add(xattr);
            xattrs.sort(Comparator.comparing(XAttrProto::getName));
        }
        InodeTable.put(ctx.writer(), inode.toBuilder().clearXattrs().addAllXattrs(xattrs).build());
        return EmptyResponse.getDefaultInstance();
    }

    static EmptyResponse remove(OpContext ctx, RemoveXAttrRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        String name = normalize(ctx, req.getName());
        InodeProto inode = rp.last();
        checkChange(ctx, rp, inode);
        int at = indexOf(inode.getXattrsList(), name);
        if (at < 0) {
            throw new HydraException(ErrorCode.XATTR_NOT_FOUND, "no extended attribute " + name + " on " + rp.path() + " to remove");
        }
        InodeTable.put(ctx.writer(), inode.toBuilder().removeXattrs(at).build());
        return EmptyResponse.getDefaultInstance();
    }

    /** The values of the named attributes, or of every one the caller may see when none is named. */
    static GetXAttrsResponse get(OpContext ctx, GetXAttrsRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto inode = rp.last();
        ctx.access.check(inode, rp.path(), Access.READ);
        GetXAttrsResponse.Builder out = GetXAttrsResponse.newBuilder();
        if (req.getNamesCount() == 0) {
            for (XAttrProto x : inode.getXattrsList()) {
                if (visible(ctx, x.getName())) {
                    out.addXattrs(x);
                }
            }
            return out.build();
        }
        for (String asked : req.getNamesList()) {
            String name = normalize(ctx, asked);
            int at = indexOf(inode.getXattrsList(), name);
            if (at < 0) {
                throw new HydraException(ErrorCode.XATTR_NOT_FOUND, "no extended attribute " + name + " on " + rp.path());
            }
            out.addXattrs(inode.getXattrs(at));
        }
        return out.build();
    }

    /** The names of the attributes the caller may see; traversing to the path is enough. */
    static ListXAttrsResponse list(OpContext ctx, ListXAttrsRequest req) throws HydraException {
        InodeProto inode = ctx.resolveExisting(req.getPath()).last();
        ListXAttrsResponse.Builder out = ListXAttrsResponse.newBuilder();
        for (XAttrProto x : inode.getXattrsList()) {
            if (visible(ctx, x.getName())) {
                out.addNames(x.getName());
            }
        }
        return out.build();
    }

    private static void checkChange(OpContext ctx, ResolvedPath rp, InodeProto inode) throws HydraException {
        boolean stickyDirectory = inode.getType() == InodeType.DIRECTORY
                && (inode.getPermission() & PermissionChecker.STICKY_BIT) != 0;
        if (stickyDirectory) {
            ctx.access.checkOwner(inode, rp.path());
        } else {
            ctx.access.check(inode, rp.path(), Access.WRITE);
        }
    }

    /**
     * The name with its namespace in lower case; INVALID_ARGUMENT for a malformed name or one of
     * the internal namespaces, PERMISSION_DENIED for {@code trusted.} unless the caller is superuser.
     */
    private static String normalize(OpContext ctx, String raw) throws HydraException {
        int dot = raw.indexOf('.');
        if (dot <= 0 || dot == raw.length() - 1) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "extended attribute name '" + raw
                    + "' must be a namespace (user or trusted), a dot, then a name");
        }
        String name = raw.substring(0, dot + 1).toLowerCase(Locale.ROOT) + raw.substring(dot + 1);
        if (name.indexOf('\0') >= 0 || name.getBytes(StandardCharsets.UTF_8).length > MAX_SIZE_BYTES) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "extended attribute name '" + raw + "' is malformed");
        }
        String namespace = namespaceOf(name);
        if (INTERNAL.contains(namespace)) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "extended attribute " + name + ": the "
                    + namespace + " namespace holds HDFS's internal attributes, which HydraFS does not keep");
        }
        if (!namespace.equals(USER) && !namespace.equals(TRUSTED)) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "extended attribute name '" + raw
                    + "' must start with user. or trusted.");
        }
        if (namespace.equals(TRUSTED) && !ctx.access.isSuperuser()) {
            throw ctx.access.denied("extended attribute " + name + ": only the superuser may use the trusted namespace");
        }
        return name;
    }

    private static boolean visible(OpContext ctx, String name) {
        return name.startsWith(USER) || ctx.access.isSuperuser();
    }

    private static String namespaceOf(String name) {
        return name.substring(0, name.indexOf('.') + 1);
    }

    private static int indexOf(List<XAttrProto> xattrs, String name) {
        for (int i = 0; i < xattrs.size(); i++) {
            if (xattrs.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
