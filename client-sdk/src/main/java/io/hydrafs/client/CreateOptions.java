package io.hydrafs.client;

/**
 * How {@link HydraFileSystem#create(String, CreateOptions)} makes a file. Defaults as in HDFS:
 * overwrite an existing file, make missing parent directories, permission 0644, and the
 * meta service's default replication and block size.
 *
 * @param replication    replicas of each block; 0 = the cluster default
 * @param blockSizeBytes bytes per block; 0 = the cluster default
 */
public record CreateOptions(boolean overwrite, int replication, long blockSizeBytes, int permission,
                            boolean createParent) {
    /** Highest replication a client may ask for (as HDFS's default dfs.replication.max). */
    public static final int MAX_REPLICATION = 512;

    public CreateOptions {
        if (replication < 0 || replication > MAX_REPLICATION) {
            throw new IllegalArgumentException("replication " + replication + " is not in 0.." + MAX_REPLICATION);
        }
        if (blockSizeBytes < 0) {
            throw new IllegalArgumentException("blockSizeBytes " + blockSizeBytes + " is negative");
        }
        if (!Permissions.isValid(permission)) {
            throw new IllegalArgumentException("permission 0" + Integer.toOctalString(permission)
                    + " is not in 0..0" + Integer.toOctalString(Permissions.MAX));
        }
    }

    public static CreateOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private boolean overwrite = true;
        private int replication;
        private long blockSizeBytes;
        private int permission = Permissions.DEFAULT_FILE;
        private boolean createParent = true;

        private Builder() {
        }

        public Builder overwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        public Builder replication(int replication) {
            this.replication = replication;
            return this;
        }

        public Builder blockSizeBytes(long blockSizeBytes) {
            this.blockSizeBytes = blockSizeBytes;
            return this;
        }

        public Builder permission(int permission) {
            this.permission = permission;
            return this;
        }

        public Builder createParent(boolean createParent) {
            this.createParent = createParent;
            return this;
        }

        public CreateOptions build() {
            return new CreateOptions(overwrite, replication, blockSizeBytes, permission, createParent);
        }
    }
}
