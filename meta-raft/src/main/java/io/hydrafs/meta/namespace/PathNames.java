package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Path syntax: what a client may send, and the limits on names that are created.
 *
 * <p>Only absolute, normalised paths are accepted: "/" or "/a/b" with no empty, "." or ".."
 * component and no trailing "/". A name may not contain NUL (it ends lease-key holders and is
 * never valid in a path) nor ':' (HDFS rejects it too: it is the URI scheme separator).
 *
 * <p>The length and depth limits apply only where a name is created (mkdirs, create, rename's
 * destination), as in HDFS: lowering a limit in the configuration must not make existing files
 * unreachable, and a lookup of an over-long name simply finds nothing.
 */
final class PathNames {
    private PathNames() {
    }

    static final String ROOT = "/";

    /** The components of a valid path ("/" has none), or INVALID_PATH naming the problem. */
    static List<String> parse(String path) throws HydraException {
        if (path == null || path.isEmpty()) {
            throw invalid("''", "the path is empty");
        }
        if (path.charAt(0) != '/') {
            throw invalid(path, "the path is not absolute");
        }
        if (path.length() == 1) {
            return List.of();
        }
        if (path.charAt(path.length() - 1) == '/') {
            throw invalid(path, "the path ends with '/'");
        }
        List<String> components = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String name = path.substring(start, end);
            checkName(path, name);
            components.add(name);
            start = end + 1;
        }
        return components;
    }

    private static void checkName(String path, String name) throws HydraException {
        if (name.isEmpty()) {
            throw invalid(path, "the path has an empty component ('//')");
        }
        if (name.equals(".") || name.equals("..")) {
            throw invalid(path, "the path has a '" + name + "' component");
        }
        if (name.indexOf('\0') >= 0) {
            throw invalid(path, "the name '" + name.replace('\0', '?') + "' contains a NUL character");
        }
        if (name.indexOf(':') >= 0) {
            throw invalid(path, "the name '" + name + "' contains ':'");
        }
    }

    /**
     * Checks the limits for a path whose components from {@code firstNew} on are about to be
     * created: NAME_TOO_LONG for a new name over the limit, PATH_TOO_DEEP for too many components.
     */
    static void checkNewNames(NamespacePolicy policy, List<String> components, int firstNew) throws HydraException {
        if (components.size() > policy.maxPathDepth()) {
            throw new HydraException(ErrorCode.PATH_TOO_DEEP, "path " + join(components) + " has "
                    + components.size() + " components, more than the limit of " + policy.maxPathDepth());
        }
        for (int i = firstNew; i < components.size(); i++) {
            int bytes = components.get(i).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > policy.maxNameLengthBytes()) {
                throw new HydraException(ErrorCode.NAME_TOO_LONG, "the name '" + components.get(i) + "' in path "
                        + join(components) + " is " + bytes + " bytes long, more than the limit of "
                        + policy.maxNameLengthBytes());
            }
        }
    }

    /** The path of the first {@code count} components. */
    static String join(List<String> components, int count) {
        if (count == 0) {
            return ROOT;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append('/').append(components.get(i));
        }
        return sb.toString();
    }

    static String join(List<String> components) {
        return join(components, components.size());
    }

    static String child(String parentPath, String name) {
        return parentPath.equals(ROOT) ? ROOT + name : parentPath + "/" + name;
    }

    private static HydraException invalid(String path, String problem) {
        return new HydraException(ErrorCode.INVALID_PATH, "invalid path " + path + ": " + problem);
    }
}
