package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.config.ConfigKey;

import java.util.List;

/** Configuration keys of a blockstore's local replica storage and its block scanner. */
public final class StorageConfigKeys {
    private StorageConfigKeys() {
    }

    private static final String PREFIX = "hydra.blockstore.";

    public static final ConfigKey<String> DATA_DIRS = ConfigKey.string(PREFIX + "data.dirs", "",
            "Comma-separated data directories (volumes); each holds its own replicas and a copy of the"
                    + " blockstore id. Required.");

    public static final ConfigKey<Long> RESERVED_BYTES = ConfigKey.longKey(PREFIX + "reserved.bytes",
            0L, 0L, Long.MAX_VALUE / 4,
            "Free bytes left untouched on every volume (for other users of the disk); a volume with less"
                    + " free space than this plus a block's needs takes no new replicas.");

    public static final ConfigKey<Boolean> SYNC_ON_FINALIZE = ConfigKey.bool(PREFIX + "sync.on.finalize", false,
            "Force a replica to disk when it is finalized. Off by default, as HDFS: durability comes from"
                    + " replication, hsync() forces explicitly.");

    public static final ConfigKey<Long> SCANNER_BYTES_PER_SECOND = ConfigKey.longKey(
            PREFIX + "scanner.bytes.per.second", 1L << 20, 1L, Long.MAX_VALUE,
            "Read rate of the block scanner, so verification does not compete with clients for the disks.");

    public static final ConfigKey<Long> SCANNER_PERIOD_MS = ConfigKey.longKey(PREFIX + "scanner.period.ms",
            21L * 24 * 3600 * 1000, 1L, Long.MAX_VALUE,
            "Pause between two full passes of the block scanner (default three weeks, as HDFS).");

    /** Every key above, for {@code HydraConfig.validate} and documentation. */
    public static List<ConfigKey<?>> all() {
        return List.of(DATA_DIRS, RESERVED_BYTES, SYNC_ON_FINALIZE, SCANNER_BYTES_PER_SECOND, SCANNER_PERIOD_MS);
    }
}
