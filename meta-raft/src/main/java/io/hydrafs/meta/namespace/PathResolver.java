package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.List;

/**
 * Walks a path from the root one component at a time, one directory-entry lookup each.
 *
 * <p>Traverse permission is checked on the way: EXECUTE on every directory the walk descends
 * from, before looking inside it, so a caller learns nothing about a directory it may not
 * enter. A file met before the last component fails with PARENT_NOT_DIRECTORY; a missing
 * component ends the walk (the result tells which prefixes exist, the caller decides whether
 * that is an error).
 */
final class PathResolver {
    private PathResolver() {
    }

    static ResolvedPath resolve(MetaReader r, PermissionChecker access, String path) throws HydraException {
        return resolve(r, access, PathNames.parse(path));
    }

    static ResolvedPath resolve(MetaReader r, PermissionChecker access, List<String> components)
            throws HydraException {
        InodeProto[] inodes = new InodeProto[components.size() + 1];
        inodes[0] = InodeTable.require(r, NamespaceKeys.ROOT_ID);
        for (int i = 0; i < components.size(); i++) {
            long childId = lookup(r, access, inodes[i], components, i);
            if (childId == 0) {
                break;
            }
            inodes[i + 1] = InodeTable.require(r, childId);
        }
        return new ResolvedPath(components, inodes);
    }

    /** Extends a resolved directory path by one name (rename into an existing directory). */
    static ResolvedPath child(MetaReader r, PermissionChecker access, ResolvedPath dir, String name)
            throws HydraException {
        ResolvedPath extended = dir.withChild(name, null);
        long childId = lookup(r, access, dir.last(), extended.components(), dir.depth());
        return childId == 0 ? extended : dir.withChild(name, InodeTable.require(r, childId));
    }

    private static long lookup(MetaReader r, PermissionChecker access, InodeProto dir, List<String> components,
                               int index) throws HydraException {
        // path strings are built only for a failure: resolution is on every operation's hot path
        if (dir.getType() != InodeType.DIRECTORY) {
            throw new HydraException(ErrorCode.PARENT_NOT_DIRECTORY, "cannot resolve " + PathNames.join(components)
                    + ": " + PathNames.join(components, index) + " is a file, not a directory");
        }
        if (!access.allows(dir, Access.EXECUTE)) {
            throw access.denied(dir, PathNames.join(components, index), Access.EXECUTE);
        }
        return DirectoryEntries.lookup(r, dir.getId(), components.get(index));
    }
}
