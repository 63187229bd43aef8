package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.config.HydraConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StorageOptionsTest {
    @Test
    void fromConfigReadsEveryKey() {
        HydraConfig config = HydraConfig.of(Map.of(
                "hydra.blockstore.data.dirs", " /d1 ,/d2,",
                "hydra.blockstore.reserved.bytes", "1024",
                "hydra.blockstore.sync.on.finalize", "true",
                "hydra.blockstore.scanner.bytes.per.second", "4096",
                "hydra.blockstore.scanner.period.ms", "60000"));
        assertEquals(new StorageOptions(List.of(Path.of("/d1"), Path.of("/d2")), 1024, true, 4096, 60000),
                StorageOptions.fromConfig(config));
    }

    @Test
    void defaultsAreHdfsLike() {
        StorageOptions o = StorageOptions.fromConfig(HydraConfig.empty().with(StorageConfigKeys.DATA_DIRS, "/d"));
        assertEquals(0, o.reservedBytes());
        assertEquals(false, o.syncOnFinalize());
    }

    @Test
    void missingOrDuplicateDataDirsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StorageOptions.fromConfig(HydraConfig.empty()));
        assertThrows(IllegalArgumentException.class, () -> StorageOptions.fromConfig(
                HydraConfig.empty().with(StorageConfigKeys.DATA_DIRS, "/d,/d/")));
    }
}
