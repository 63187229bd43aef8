package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.config.ConfigKey;

import java.util.List;

/**
 * Configuration keys of the namespace rules. Every meta node of a group must hold the same
 * values: they decide the outcome of replicated operations (who is superuser, the umask, the
 * limits), so nodes that disagree would apply the same log entry differently.
 */
public final class NamespaceConfigKeys {
    private NamespaceConfigKeys() {
    }

    private static final String PREFIX = "hydra.meta.namespace.";

    public static final ConfigKey<String> SUPERUSER = ConfigKey.string(PREFIX + "superuser",
            System.getProperty("user.name", "hydra"),
            "The user that bypasses every permission check and owns the root directory"
                    + " (as HDFS: the user running the NameNode). Default: the JVM's user.name.");

    public static final ConfigKey<String> SUPERGROUP = ConfigKey.string(PREFIX + "supergroup", "supergroup",
            "Members of this group are superusers; the root directory's group.");

    public static final ConfigKey<String> UMASK = ConfigKey.string(PREFIX + "umask", "022",
            "Octal umask applied to the permission of every new file and directory.");

    public static final ConfigKey<Integer> DEFAULT_REPLICATION = ConfigKey.integer(PREFIX + "default.replication",
            3, 1, NamespacePolicy.REPLICATION_LIMIT, "Replication of a file created with replication 0.");

    public static final ConfigKey<Integer> MIN_REPLICATION = ConfigKey.integer(PREFIX + "min.replication",
            1, 1, NamespacePolicy.REPLICATION_LIMIT, "Smallest replication a client may ask for.");

    public static final ConfigKey<Integer> MAX_REPLICATION = ConfigKey.integer(PREFIX + "max.replication",
            512, 1, NamespacePolicy.REPLICATION_LIMIT, "Largest replication a client may ask for.");

    public static final ConfigKey<Long> DEFAULT_BLOCK_SIZE_BYTES = ConfigKey.longKey(PREFIX + "default.block.size.bytes",
            128L << 20, NamespacePolicy.BLOCK_SIZE_ALIGNMENT_BYTES, Long.MAX_VALUE,
            "Block size of a file created with block size 0; a multiple of 512.");

    public static final ConfigKey<Long> MIN_BLOCK_SIZE_BYTES = ConfigKey.longKey(PREFIX + "min.block.size.bytes",
            1L << 20, NamespacePolicy.BLOCK_SIZE_ALIGNMENT_BYTES, Long.MAX_VALUE,
            "Smallest block size a client may ask for (HDFS: fs-limits.min-block-size); tests lower it,"
                    + " down to 512, to write many-block files cheaply.");

    public static final ConfigKey<Integer> MAX_NAME_LENGTH_BYTES = ConfigKey.integer(PREFIX + "max.name.length.bytes",
            255, 1, 1 << 16, "Longest name of a new file or directory, in UTF-8 bytes.");

    public static final ConfigKey<Integer> MAX_PATH_DEPTH = ConfigKey.integer(PREFIX + "max.path.depth",
            1000, 1, 100_000, "Most components a new path may have.");

    public static final ConfigKey<Integer> LISTING_PAGE_SIZE = ConfigKey.integer(PREFIX + "listing.page.size",
            1000, 1, 1_000_000, "Entries of a listing page when the client asks for 0.");

    public static final ConfigKey<Integer> MAX_LISTING_PAGE_SIZE = ConfigKey.integer(PREFIX + "max.listing.page.size",
            10_000, 1, 1_000_000, "Most entries of one listing page, whatever the client asks for.");

    /** Every key above, for {@code HydraConfig.validate} and documentation. */
    public static List<ConfigKey<?>> all() {
        return List.of(SUPERUSER, SUPERGROUP, UMASK, DEFAULT_REPLICATION, MIN_REPLICATION, MAX_REPLICATION,
                DEFAULT_BLOCK_SIZE_BYTES, MIN_BLOCK_SIZE_BYTES, MAX_NAME_LENGTH_BYTES, MAX_PATH_DEPTH,
                LISTING_PAGE_SIZE, MAX_LISTING_PAGE_SIZE);
    }
}
