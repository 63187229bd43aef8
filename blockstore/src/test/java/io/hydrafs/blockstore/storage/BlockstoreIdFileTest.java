package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockstoreIdFileTest {
    @TempDir
    Path root;

    private String openAndClose(List<Path> dirs, String configured) throws HydraException {
        try (FsReplicaStore store = FsReplicaStore.open(StorageOptions.of(dirs), configured)) {
            return store.blockstoreId();
        }
    }

    private static String stored(Path dir) throws IOException {
        return Files.readString(dir.resolve(BlockstoreIdFile.FILE_NAME)).trim();
    }

    @Test
    void newIdIsWrittenToEveryDirectoryAndReusedAfterRestart() throws HydraException, IOException {
        List<Path> dirs = List.of(root.resolve("a"), root.resolve("b"));
        String id = openAndClose(dirs, null);
        assertTrue(id.matches("bs-[0-9a-f]{16}"), id);
        assertEquals(id, stored(dirs.get(0)));
        assertEquals(id, stored(dirs.get(1)));
        assertEquals(id, openAndClose(dirs, null));
    }

    @Test
    void addedDirectoryReceivesTheExistingId() throws HydraException, IOException {
        String id = openAndClose(List.of(root.resolve("a")), null);
        assertEquals(id, openAndClose(List.of(root.resolve("a"), root.resolve("new")), null));
        assertEquals(id, stored(root.resolve("new")));
    }

    @Test
    void configuredIdOverridesTheStoredOne() throws HydraException, IOException {
        List<Path> dirs = List.of(root.resolve("a"));
        openAndClose(dirs, null);
        assertEquals("bs-configured", openAndClose(dirs, "bs-configured"));
        assertEquals("bs-configured", stored(dirs.get(0)));
        assertEquals("bs-configured", openAndClose(dirs, null));
    }

    @Test
    void directoriesOfDifferentBlockstoresAreRefused() throws HydraException {
        String a = openAndClose(List.of(root.resolve("a")), null);
        String b = openAndClose(List.of(root.resolve("b")), null);
        HydraException e = assertThrows(HydraException.class,
                () -> openAndClose(List.of(root.resolve("a"), root.resolve("b")), null));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(a) && e.getMessage().contains(b), e.getMessage());
    }
}
