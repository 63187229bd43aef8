package io.hydrafs.meta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore swap and its crash recovery, on plain files (each state a crash can leave). */
class StoreDirectoriesTest {
    @TempDir
    Path root;
    private StoreDirectories directories;

    @BeforeEach
    void create() {
        directories = new StoreDirectories(root);
    }

    @Test
    void recoveryDiscardsAnUnfinishedCopyWhenTheLiveDatabaseExists() throws IOException {
        dbDir("db", "live");
        dbDir("db.incoming", "half-copied");

        directories.recover();

        assertEquals("live", marker(root.resolve("db")));
        assertFalse(Files.exists(root.resolve("db.incoming")));
    }

    @Test
    void recoveryFinishesASwapInterruptedBetweenTheTwoRenames() throws IOException {
        dbDir("db.retired", "old");
        dbDir("db.incoming", "restored");

        directories.recover();

        assertEquals("restored", marker(root.resolve("db")));
        assertFalse(Files.exists(root.resolve("db.incoming")));
        assertFalse(Files.exists(root.resolve("db.retired")));
    }

    @Test
    void recoveryDeletesTheRetiredDatabaseOfAFinishedSwap() throws IOException {
        dbDir("db", "restored");
        dbDir("db.retired", "old");

        directories.recover();

        assertEquals("restored", marker(root.resolve("db")));
        assertFalse(Files.exists(root.resolve("db.retired")));
    }

    @Test
    void recoveryMovesARetiredDatabaseBackRatherThanStartingEmpty() throws IOException {
        dbDir("db.retired", "old");

        directories.recover();

        assertEquals("old", marker(root.resolve("db")));
    }

    @Test
    void stagingLinksSstFilesAndCopiesTheRest() throws IOException {
        Path checkpoint = dbDir("checkpoint", "cp");
        Files.writeString(checkpoint.resolve("CURRENT"), "MANIFEST-000001\n");
        Files.writeString(checkpoint.resolve("000007.sst"), "table");

        directories.stage(checkpoint);

        Path incoming = root.resolve("db.incoming");
        assertTrue(Files.isSameFile(checkpoint.resolve("000007.sst"), incoming.resolve("000007.sst")));
        Files.writeString(incoming.resolve("CURRENT"), "MANIFEST-000009\n");
        assertEquals("MANIFEST-000001\n", Files.readString(checkpoint.resolve("CURRENT")));
    }

    @Test
    void stagingRejectsADirectoryWithoutCurrentFile() throws IOException {
        Path notACheckpoint = dbDir("other", "x");

        assertThrows(MetaStoreException.class, () -> directories.stage(notACheckpoint));
        assertFalse(Files.exists(root.resolve("db.incoming")));
    }

    private Path dbDir(String name, String marker) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("MARKER"), marker);
        return dir;
    }

    private static String marker(Path dir) throws IOException {
        return Files.readString(dir.resolve("MARKER"));
    }
}
