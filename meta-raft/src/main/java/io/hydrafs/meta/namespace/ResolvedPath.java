package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A path walked from the root (HDFS's INodesInPath): the inode of every prefix, from the root
 * (index 0) to the path itself (index {@link #depth()}). The walk stops at the first missing
 * component; that index and every later one hold null. Every non-null inode before the last
 * is a directory (the resolver fails otherwise).
 */
final class ResolvedPath {
    private final List<String> components;
    private final InodeProto[] inodes;
    private String path;

    ResolvedPath(List<String> components, InodeProto[] inodes) {
        this.components = List.copyOf(components);
        this.inodes = inodes;
    }

    List<String> components() {
        return components;
    }

    /** Number of components: 0 for the root. */
    int depth() {
        return components.size();
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    /** The inode of the first {@code i} components, or null if it does not exist. */
    InodeProto inode(int i) {
        return inodes[i];
    }

    /** The inode at the path, or null. */
    InodeProto last() {
        return inodes[depth()];
    }

    boolean exists() {
        return last() != null;
    }

    boolean isDirectory() {
        return exists() && last().getType() == InodeType.DIRECTORY;
    }

    /** The parent directory's inode, or null if it does not exist (or this is the root). */
    InodeProto parent() {
        return isRoot() ? null : inodes[depth() - 1];
    }

    /** How many leading prefixes exist (the root always does): the index of the first missing one. */
    int existingCount() {
        int i = 0;
        while (i <= depth() && inodes[i] != null) {
            i++;
        }
        return i;
    }

    /** The last component ("" for the root). */
    String name() {
        return isRoot() ? "" : components.get(depth() - 1);
    }

    String path() {
        if (path == null) {
            path = PathNames.join(components);
        }
        return path;
    }

    /** The path of the first {@code i} components. */
    String pathOf(int i) {
        return PathNames.join(components, i);
    }

    String parentPath() {
        return pathOf(depth() - 1);
    }

    /** Whether this path lies strictly inside {@code ancestor}'s subtree. */
    boolean isStrictlyInside(ResolvedPath ancestor) {
        return depth() > ancestor.depth() && components.subList(0, ancestor.depth()).equals(ancestor.components);
    }

    /** This path with one more component, resolved to {@code child} (null if missing). */
    ResolvedPath withChild(String name, InodeProto child) {
        InodeProto[] longer = Arrays.copyOf(inodes, inodes.length + 1);
        longer[longer.length - 1] = child;
        List<String> names = new ArrayList<>(components);
        names.add(name);
        return new ResolvedPath(names, longer);
    }

    @Override
    public String toString() {
        return path();
    }
}
