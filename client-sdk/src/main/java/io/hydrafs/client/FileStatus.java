package io.hydrafs.client;

/**
 * What the namespace knows about one file or directory, as HDFS's {@code FileStatus}.
 *
 * @param path               absolute path
 * @param length             bytes in completed blocks (a file being written may hold more)
 * @param replication        target replicas of each block; 0 for directories
 * @param blockSizeBytes     block size of the file; 0 for directories
 * @param permission         POSIX permission bits, e.g. {@code 0755}
 * @param inodeId            stable id, unchanged by renames
 * @param underConstruction  a writer holds the file's lease and may still append
 * @param childCount         directories: number of direct children; 0 for files
 * @param hasAcl             an ACL says more than the permission bits ({@link HydraFileSystem#getAclStatus})
 */
public record FileStatus(String path, boolean isDirectory, long length, int replication, long blockSizeBytes,
                         long modificationTimeMs, long accessTimeMs, int permission, String owner, String group,
                         long inodeId, boolean underConstruction, long childCount, boolean hasAcl) {

    /** A status without an ACL. */
    public FileStatus(String path, boolean isDirectory, long length, int replication, long blockSizeBytes,
                      long modificationTimeMs, long accessTimeMs, int permission, String owner, String group,
                      long inodeId, boolean underConstruction, long childCount) {
        this(path, isDirectory, length, replication, blockSizeBytes, modificationTimeMs, accessTimeMs, permission,
                owner, group, inodeId, underConstruction, childCount, false);
    }

    public boolean isFile() {
        return !isDirectory;
    }

    /** The last component of the path ("" for the root). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The permission as {@code ls -l} shows it, e.g. {@code rwxr-xr-x}. */
    public String permissionString() {
        return Permissions.format(permission);
    }
}
