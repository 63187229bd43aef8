package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.config.HydraConfig;

import java.util.Objects;

/**
 * The settings the namespace rules depend on: superuser, umask, replication and block size
 * ranges, name and depth limits, listing page sizes. Immutable and validated as a whole when
 * built (cross-field rules such as min &lt;= default &lt;= max), so a bad configuration fails at
 * start, not on the first create.
 *
 * <p>Part of the replicated state's meaning: every meta node must use an equal policy.
 */
public final class NamespacePolicy {
    /** Block sizes are whole checksum chunks (one CRC32C per 512 bytes on the data path). */
    public static final int BLOCK_SIZE_ALIGNMENT_BYTES = 512;
    /** The hard ceiling of any replication setting. */
    public static final int REPLICATION_LIMIT = 32_767;

    private final String superuser;
    private final String supergroup;
    private final int umask;
    private final int defaultReplication;
    private final int minReplication;
    private final int maxReplication;
    private final long defaultBlockSizeBytes;
    private final long minBlockSizeBytes;
    private final int maxNameLengthBytes;
    private final int maxPathDepth;
    private final int listingPageSize;
    private final int maxListingPageSize;

    private NamespacePolicy(Builder b) {
        this.superuser = requireText(b.superuser, "superuser");
        this.supergroup = requireText(b.supergroup, "supergroup");
        this.umask = b.umask;
        this.defaultReplication = b.defaultReplication;
        this.minReplication = b.minReplication;
        this.maxReplication = b.maxReplication;
        this.defaultBlockSizeBytes = b.defaultBlockSizeBytes;
        this.minBlockSizeBytes = b.minBlockSizeBytes;
        this.maxNameLengthBytes = b.maxNameLengthBytes;
        this.maxPathDepth = b.maxPathDepth;
        this.listingPageSize = b.listingPageSize;
        this.maxListingPageSize = b.maxListingPageSize;
        validate();
    }

    private void validate() {
        require((umask & ~0777) == 0, "umask %o has bits outside 0777", umask);
        require(minReplication >= 1 && minReplication <= maxReplication && maxReplication <= REPLICATION_LIMIT,
                "replication range [%d, %d] is empty or out of [1, %d]", minReplication, maxReplication,
                REPLICATION_LIMIT);
        require(defaultReplication >= minReplication && defaultReplication <= maxReplication,
                "default replication %d is outside [%d, %d]", defaultReplication, minReplication, maxReplication);
        require(minBlockSizeBytes >= BLOCK_SIZE_ALIGNMENT_BYTES && minBlockSizeBytes % BLOCK_SIZE_ALIGNMENT_BYTES == 0,
                "min block size %d is not a positive multiple of %d", minBlockSizeBytes, BLOCK_SIZE_ALIGNMENT_BYTES);
        require(defaultBlockSizeBytes >= minBlockSizeBytes
                        && defaultBlockSizeBytes % BLOCK_SIZE_ALIGNMENT_BYTES == 0,
                "default block size %d is below the minimum %d or not a multiple of %d", defaultBlockSizeBytes,
                minBlockSizeBytes, BLOCK_SIZE_ALIGNMENT_BYTES);
        require(maxNameLengthBytes >= 1, "max name length %d < 1", maxNameLengthBytes);
        require(maxPathDepth >= 1, "max path depth %d < 1", maxPathDepth);
        require(listingPageSize >= 1 && listingPageSize <= maxListingPageSize,
                "listing page size %d is outside [1, %d]", listingPageSize, maxListingPageSize);
    }

    /** The policy with every default, as an unconfigured meta node runs. */
    public static NamespacePolicy defaults() {
        return builder().build();
    }

    /** Reads every {@link NamespaceConfigKeys} key; throws IllegalArgumentException naming a bad key. */
    public static NamespacePolicy fromConfig(HydraConfig c) {
        return builder()
                .superuser(c.get(NamespaceConfigKeys.SUPERUSER))
                .supergroup(c.get(NamespaceConfigKeys.SUPERGROUP))
                .umask(parseUmask(c.get(NamespaceConfigKeys.UMASK)))
                .defaultReplication(c.get(NamespaceConfigKeys.DEFAULT_REPLICATION))
                .minReplication(c.get(NamespaceConfigKeys.MIN_REPLICATION))
                .maxReplication(c.get(NamespaceConfigKeys.MAX_REPLICATION))
                .defaultBlockSizeBytes(c.get(NamespaceConfigKeys.DEFAULT_BLOCK_SIZE_BYTES))
                .minBlockSizeBytes(c.get(NamespaceConfigKeys.MIN_BLOCK_SIZE_BYTES))
                .maxNameLengthBytes(c.get(NamespaceConfigKeys.MAX_NAME_LENGTH_BYTES))
                .maxPathDepth(c.get(NamespaceConfigKeys.MAX_PATH_DEPTH))
                .listingPageSize(c.get(NamespaceConfigKeys.LISTING_PAGE_SIZE))
                .maxListingPageSize(c.get(NamespaceConfigKeys.MAX_LISTING_PAGE_SIZE))
                .build();
    }

    private static int parseUmask(String raw) {
        try {
            int v = Integer.parseInt(raw.trim(), 8);
            if (v >= 0 && v <= 0777) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the key's name
        }
        throw new IllegalArgumentException("config key " + NamespaceConfigKeys.UMASK.name() + " = '" + raw
                + "' is not an octal umask in [000, 777]");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .superuser(superuser).supergroup(supergroup).umask(umask)
                .defaultReplication(defaultReplication).minReplication(minReplication).maxReplication(maxReplication)
                .defaultBlockSizeBytes(defaultBlockSizeBytes).minBlockSizeBytes(minBlockSizeBytes)
                .maxNameLengthBytes(maxNameLengthBytes).maxPathDepth(maxPathDepth)
                .listingPageSize(listingPageSize).maxListingPageSize(maxListingPageSize);
    }

    public String superuser() {
        return superuser;
    }

    public String supergroup() {
        return supergroup;
    }

    /** POSIX umask bits (e.g. 022), applied to every new inode's permission. */
    public int umask() {
        return umask;
    }

    public int defaultReplication() {
        return defaultReplication;
    }

    public int minReplication() {
        return minReplication;
    }

    public int maxReplication() {
        return maxReplication;
    }

    public long defaultBlockSizeBytes() {
        return defaultBlockSizeBytes;
    }

    public long minBlockSizeBytes() {
        return minBlockSizeBytes;
    }

    public int maxNameLengthBytes() {
        return maxNameLengthBytes;
    }

    public int maxPathDepth() {
        return maxPathDepth;
    }

    /** Entries of a listing page when the request says 0. */
    public int listingPageSize() {
        return listingPageSize;
    }

    /** The cap of a listing page, whatever the request says. */
    public int maxListingPageSize() {
        return maxListingPageSize;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NamespacePolicy p)) {
            return false;
        }
        return superuser.equals(p.superuser) && supergroup.equals(p.supergroup) && umask == p.umask
                && defaultReplication == p.defaultReplication && minReplication == p.minReplication
                && maxReplication == p.maxReplication && defaultBlockSizeBytes == p.defaultBlockSizeBytes
                && minBlockSizeBytes == p.minBlockSizeBytes && maxNameLengthBytes == p.maxNameLengthBytes
                && maxPathDepth == p.maxPathDepth && listingPageSize == p.listingPageSize
                && maxListingPageSize == p.maxListingPageSize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(superuser, supergroup, umask, defaultReplication, minReplication, maxReplication,
                defaultBlockSizeBytes, minBlockSizeBytes, maxNameLengthBytes, maxPathDepth, listingPageSize,
                maxListingPageSize);
    }

    @Override
    public String toString() {
        return String.format("NamespacePolicy{superuser=%s, supergroup=%s, umask=%03o, replication=%d in [%d, %d],"
                        + " blockSize=%d (min %d), maxNameLength=%d, maxPathDepth=%d, listing=%d (max %d)}",
                superuser, supergroup, umask, defaultReplication, minReplication, maxReplication,
                defaultBlockSizeBytes, minBlockSizeBytes, maxNameLengthBytes, maxPathDepth, listingPageSize,
                maxListingPageSize);
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("namespace policy: " + what + " must not be empty");
        }
        return s;
    }

    private static void require(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalArgumentException("namespace policy: " + String.format(format, args));
        }
    }

    /** Starts from the defaults of {@link NamespaceConfigKeys}; {@link #build} validates. */
    public static final class Builder {
        private String superuser = NamespaceConfigKeys.SUPERUSER.defaultValue();
        private String supergroup = NamespaceConfigKeys.SUPERGROUP.defaultValue();
        private int umask = parseUmask(NamespaceConfigKeys.UMASK.defaultValue());
        private int defaultReplication = NamespaceConfigKeys.DEFAULT_REPLICATION.defaultValue();
        private int minReplication = NamespaceConfigKeys.MIN_REPLICATION.defaultValue();
        private int maxReplication = NamespaceConfigKeys.MAX_REPLICATION.defaultValue();
        private long defaultBlockSizeBytes = NamespaceConfigKeys.DEFAULT_BLOCK_SIZE_BYTES.defaultValue();
        private long minBlockSizeBytes = NamespaceConfigKeys.MIN_BLOCK_SIZE_BYTES.defaultValue();
        private int maxNameLengthBytes = NamespaceConfigKeys.MAX_NAME_LENGTH_BYTES.defaultValue();
        private int maxPathDepth = NamespaceConfigKeys.MAX_PATH_DEPTH.defaultValue();
        private int listingPageSize = NamespaceConfigKeys.LISTING_PAGE_SIZE.defaultValue();
        private int maxListingPageSize = NamespaceConfigKeys.MAX_LISTING_PAGE_SIZE.defaultValue();

        private Builder() {
        }

        public Builder superuser(String v) {
            superuser = v;
            return this;
        }

        public Builder supergroup(String v) {
            supergroup = v;
            return this;
        }

        public Builder umask(int v) {
            umask = v;
            return this;
        }

        public Builder defaultReplication(int v) {
            defaultReplication = v;
            return this;
        }

        public Builder minReplication(int v) {
            minReplication = v;
            return this;
        }

        public Builder maxReplication(int v) {
            maxReplication = v;
            return this;
        }

        public Builder defaultBlockSizeBytes(long v) {
            defaultBlockSizeBytes = v;
            return this;
        }

        public Builder minBlockSizeBytes(long v) {
            minBlockSizeBytes = v;
            return this;
        }

        public Builder maxNameLengthBytes(int v) {
            maxNameLengthBytes = v;
            return this;
        }

        public Builder maxPathDepth(int v) {
            maxPathDepth = v;
            return this;
        }

        public Builder listingPageSize(int v) {
            listingPageSize = v;
            return this;
        }

        public Builder maxListingPageSize(int v) {
            maxListingPageSize = v;
            return this;
        }

        public NamespacePolicy build() {
            return new NamespacePolicy(this);
        }
    }
}
