package io.hydrafs.meta.namespace;

import java.util.List;
import java.util.Objects;

/**
 * Who asks for an operation: the user name and its groups, as authenticated by the RPC layer
 * (or carried in {@code MetaOp.user/groups} for a replicated operation). Permission checks
 * compare these names with an inode's owner and group.
 */
public record Caller(String user, List<String> groups) {
    public Caller {
        Objects.requireNonNull(user, "user");
        groups = List.copyOf(groups);
    }

    public static Caller of(String user, String... groups) {
        return new Caller(user, List.of(groups));
    }

    public boolean isMemberOf(String group) {
        return groups.contains(group);
    }
}
