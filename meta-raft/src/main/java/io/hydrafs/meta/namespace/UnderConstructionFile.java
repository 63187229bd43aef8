package io.hydrafs.meta.namespace;

/**
 * A file being written: what the leader's lease manager needs to rebuild its soft state after an
 * election. {@code path} is the file's current path (it follows renames).
 */
public record UnderConstructionFile(long inodeId, String path, String leaseHolder) {
}
