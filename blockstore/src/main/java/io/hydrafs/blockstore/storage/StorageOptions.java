package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.config.HydraConfig;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the replica store and its block scanner.
 *
 * @param dataDirs              the volumes, at least one
 * @param reservedBytes         free bytes left untouched on every volume
 * @param syncOnFinalize        force a replica to disk when finalized (default false, as HDFS)
 * @param scannerBytesPerSecond read rate of the block scanner
 * @param scanPeriodMs          pause between two full scanner passes
 */
public record StorageOptions(List<Path> dataDirs, long reservedBytes, boolean syncOnFinalize,
                             long scannerBytesPerSecond, long scanPeriodMs) {

    public StorageOptions {
        dataDirs = List.copyOf(dataDirs);
        if (dataDirs.isEmpty()) {
            throw new IllegalArgumentException("at least one data directory is needed ("
                    + StorageConfigKeys.DATA_DIRS.name() + ")");
        }
        if (dataDirs.stream().map(p -> p.toAbsolutePath().normalize()).distinct().count() != dataDirs.size()) {
            throw new IllegalArgumentException("a data directory is listed twice: " + dataDirs);
        }
        if (reservedBytes < 0 || scannerBytesPerSecond <= 0 || scanPeriodMs <= 0) {
            throw new IllegalArgumentException("reservedBytes must be >= 0, scanner rate and period > 0");
        }
    }

    /** Defaults of every key, on the given directories. */
    public static StorageOptions of(List<Path> dataDirs) {
        return new StorageOptions(dataDirs, StorageConfigKeys.RESERVED_BYTES.defaultValue(),
                StorageConfigKeys.SYNC_ON_FINALIZE.defaultValue(),
                StorageConfigKeys.SCANNER_BYTES_PER_SECOND.defaultValue(),
                StorageConfigKeys.SCANNER_PERIOD_MS.defaultValue());
    }

    public static StorageOptions fromConfig(HydraConfig config) {
        List<Path> dirs = Arrays.stream(config.get(StorageConfigKeys.DATA_DIRS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Path::of).toList();
        return new StorageOptions(dirs, config.get(StorageConfigKeys.RESERVED_BYTES),
                config.get(StorageConfigKeys.SYNC_ON_FINALIZE),
                config.get(StorageConfigKeys.SCANNER_BYTES_PER_SECOND),
                config.get(StorageConfigKeys.SCANNER_PERIOD_MS));
    }

    public StorageOptions withReservedBytes(long bytes) {
        return new StorageOptions(dataDirs, bytes, syncOnFinalize, scannerBytesPerSecond, scanPeriodMs);
    }
}
