package io.hydrafs.ops.fs;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * HydraFS paths as the shell takes them from a user. An absolute path stays as given; a relative
 * one is resolved against the user's home directory {@code /user/NAME}, as HDFS resolves it
 * against its working directory. "." and ".." are resolved here, repeated and trailing slashes
 * dropped, so the meta service always gets a normalized absolute path. ".." above the root stays
 * at the root (as POSIX).
 */
public final class FsPaths {
    private FsPaths() {
    }

    /** The home directory of {@code user}: where relative paths start. */
    public static String home(String user) {
        return "/user/" + user;
    }

    /** {@code path} as a normalized absolute path; INVALID_PATH if it is empty. */
    public static String resolve(String path, String home) throws HydraException {
        if (path == null || path.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_PATH, "empty path");
        }
        String absolute = path.startsWith("/") ? path : home + "/" + path;
        Deque<String> components = new ArrayDeque<>();
        for (String component : absolute.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                components.pollLast();
            } else {
                components.addLast(component);
            }
        }
        return "/" + String.join("/", components);
    }

    /** {@code dir/name}, without doubling the slash of the root. */
    public static String child(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    /** The last component ("" for the root). */
    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether {@code path} is {@code ancestor} or lies below it. */
    public static boolean isWithin(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor.equals("/") ? "/" : ancestor + "/");
    }
}
