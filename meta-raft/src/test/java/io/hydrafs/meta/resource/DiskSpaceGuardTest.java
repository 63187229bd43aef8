package io.hydrafs.meta.resource;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskSpaceGuardTest {
    private static final long MIB = 1 << 20;
    private static final Path LOG = Path.of("/data/m1/raft");
    private static final Path STORE = Path.of("/data/m1/store");

    /** Free space per directory, set by each test; a missing entry cannot be measured. */
    private final Map<Path, Long> free = new HashMap<>();

    private DiskSpaceGuard guard(long reservedBytes) {
        return new DiskSpaceGuard("meta node m1", List.of(LOG, STORE), reservedBytes, dir -> {
            Long bytes = free.get(dir);
            if (bytes == null) {
                throw new NoSuchFileException(dir.toString());
            }
            return bytes;
        });
    }

    @Test
    void admitsMutationsWhileEveryDirectoryHasMoreThanTheReserve() {
        free.put(LOG, 500 * MIB);
        free.put(STORE, 101 * MIB);
        DiskSpaceGuard guard = guard(100 * MIB);

        guard.check();

        assertDoesNotThrow(guard::admitMutation);
        assertFalse(guard.isLow());
        assertEquals(101 * MIB, guard.usableBytes());
    }

    @Test
    void refusesMutationsOnceADirectoryFallsBelowTheReserveNamingItAndTheKey() {
        free.put(LOG, 500 * MIB);
        free.put(STORE, 99 * MIB);
        DiskSpaceGuard guard = guard(100 * MIB);

        guard.check();

        HydraException e = assertThrows(HydraException.class, guard::admitMutation);
        assertEquals(ErrorCode.METADATA_DISK_FULL, e.code());
        assertFalse(e.code().retryable(), "a full disk does not heal by retrying on another node");
        assertTrue(e.getMessage().contains(STORE.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("99.0 MiB free"), e.getMessage());
        assertTrue(e.getMessage().contains("hydra.meta.disk.reserved.bytes"), e.getMessage());
        assertTrue(guard.isLow());
    }

    @Test
    void admitsMutationsAgainOnceSpaceIsFreed() {
        free.put(LOG, 10 * MIB);
        free.put(STORE, 10 * MIB);
        DiskSpaceGuard guard = guard(100 * MIB);
        guard.check();
        assertThrows(HydraException.class, guard::admitMutation);

        free.put(LOG, 2_000 * MIB);
        free.put(STORE, 2_000 * MIB);
        guard.check();

        assertDoesNotThrow(guard::admitMutation);
        assertFalse(guard.isLow());
    }

    @Test
    void judgesNothingUntilTheFirstCheck() {
        free.put(LOG, 0L);
        free.put(STORE, 0L);
        DiskSpaceGuard guard = guard(100 * MIB);

        assertDoesNotThrow(guard::admitMutation);
        assertEquals(-1, guard.usableBytes());
    }

    @Test
    void aZeroReserveNeverRefuses() {
        free.put(LOG, 0L);
        free.put(STORE, 0L);
        DiskSpaceGuard guard = guard(0);

        guard.check();

        assertDoesNotThrow(guard::admitMutation);
        assertEquals(0, guard.usableBytes());
    }

    @Test
    void aDirectoryThatCannotBeMeasuredIsJudgedOnTheOthers() {
        free.put(LOG, 50 * MIB); // STORE is being swapped by a snapshot install
        DiskSpaceGuard guard = guard(100 * MIB);

        guard.check();

        assertThrows(HydraException.class, guard::admitMutation);
        assertEquals(50 * MIB, guard.usableBytes());
    }

    @Test
    void keepsTheLastJudgementWhenNoDirectoryCanBeMeasured() {
        free.put(LOG, 50 * MIB);
        free.put(STORE, 50 * MIB);
        DiskSpaceGuard guard = guard(100 * MIB);
        guard.check();

        free.clear();
        guard.check();

        assertThrows(HydraException.class, guard::admitMutation);
    }

    @Test
    void measuresARealDirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        DiskSpaceGuard roomy = DiskSpaceGuard.ofFileStores("meta node m1", List.of(dir), 1);
        DiskSpaceGuard greedy = DiskSpaceGuard.ofFileStores("meta node m1", List.of(dir), Long.MAX_VALUE);

        roomy.check();
        greedy.check();

        assertTrue(roomy.usableBytes() > 0);
        assertDoesNotThrow(roomy::admitMutation);
        assertThrows(HydraException.class, greedy::admitMutation);
    }
}
