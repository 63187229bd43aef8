package io.hydrafs.compute.runtime;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeConfigTest {

    @Test
    void defaultsApplyWhenNothingIsSet() throws HydraException {
        ComputeConfig c = ComputeConfig.from(Map.of());

        assertEquals(16L * 1024 * 1024, c.sortBufferBytes());
        assertEquals(2, c.mapThreads());
        assertEquals(4, c.maxAttempts());
    }

    @Test
    void setValuesAreRead() throws HydraException {
        ComputeConfig c = ComputeConfig.from(Map.of(ComputeConfig.SORT_BUFFER_BYTES, "65536",
                ComputeConfig.LOCAL_MAP_THREADS, "1", ComputeConfig.TASK_MAX_ATTEMPTS, "2",
                ComputeConfig.LOCAL_DIR, "/var/tmp/x"));

        assertEquals(new ComputeConfig(65536, 1, 2, Path.of("/var/tmp/x")), c);
    }

    @Test
    void outOfRangeOrNonNumericValuesAreRefusedNamingTheKey() {
        for (Map<String, String> bad : List.of(Map.of(ComputeConfig.SORT_BUFFER_BYTES, "10"),
                Map.of(ComputeConfig.TASK_MAX_ATTEMPTS, "0"), Map.of(ComputeConfig.LOCAL_MAP_THREADS, "two"))) {
            HydraException e = assertThrows(HydraException.class, () -> ComputeConfig.from(bad));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()), e.getMessage());
        }
    }
}
