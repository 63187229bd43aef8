package io.hydrafs.ops.fs;

import io.hydrafs.client.CreateOptions;

/**
 * The arguments of the shell's verbs that are more than a path, checked at the edge: a bad one
 * throws IllegalArgumentException with a message for the user, which the command line turns into
 * a usage error before any file is touched.
 */
public final class FsArguments {
    private static final int MAX_MODE = 01777;

    private FsArguments() {
    }

    /** An octal mode of {@code chmod}: 1 to 4 octal digits, at most 1777 (sticky bit and rwxrwxrwx). */
    public static int mode(String text) {
        if (!text.matches("[0-7]{1,4}")) {
            throw new IllegalArgumentException("mode '" + text + "' is not octal (e.g. 755 or 1777)");
        }
        int mode = Integer.parseInt(text, 8);
        if (mode > MAX_MODE) {
            throw new IllegalArgumentException("mode '" + text + "' has bits HydraFS does not know (setuid, setgid); "
                    + "at most 1777");
        }
        return mode;
    }

    /** A replication factor of {@code setrep}: 1 to {@link CreateOptions#MAX_REPLICATION}. */
    public static int replication(String text) {
        int n;
        try {
            n = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("replication '" + text + "' is not a number");
        }
        if (n < 1 || n > CreateOptions.MAX_REPLICATION) {
            throw new IllegalArgumentException("replication " + n + " is not in 1.." + CreateOptions.MAX_REPLICATION);
        }
        return n;
    }

    /**
     * The {@code OWNER[:GROUP]} of {@code chown}: "alice", "alice:staff", ":staff" (the group
     * only) or "alice:" (the owner only).
     *
     * @param owner null to leave the owner unchanged
     * @param group null to leave the group unchanged
     */
    public record Ownership(String owner, String group) {
        public static Ownership parse(String text) {
            int colon = text.indexOf(':');
            String owner = colon < 0 ? text : text.substring(0, colon);
            String group = colon < 0 ? "" : text.substring(colon + 1);
            if (owner.isEmpty() && group.isEmpty()) {
                throw new IllegalArgumentException("'" + text + "' names neither an owner nor a group (OWNER[:GROUP])");
            }
            if (!valid(owner) || !valid(group)) {
                throw new IllegalArgumentException("'" + text + "' is not OWNER[:GROUP]: names cannot hold ':', '/' "
                        + "or blanks");
            }
            return new Ownership(owner.isEmpty() ? null : owner, group.isEmpty() ? null : group);
        }

        private static boolean valid(String name) {
            return !name.contains(":") && !name.contains("/") && name.chars().noneMatch(Character::isWhitespace);
        }
    }
}
