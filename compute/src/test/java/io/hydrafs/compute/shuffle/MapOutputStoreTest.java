package io.hydrafs.compute.shuffle;

import io.hydrafs.compute.sort.MapOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapOutputStoreTest {
    @TempDir
    Path root;

    @Test
    void eachAttemptGetsItsOwnDirectoryUnderItsJob() {
        MapOutputStore store = new MapOutputStore(root);

        Path dir = store.attemptDir("job_1", 3, 1);

        assertTrue(Files.isDirectory(dir));
        assertEquals(root.toAbsolutePath().resolve("job_1").resolve("map-3").resolve("attempt-1"), dir);
    }

    @Test
    void unsafeJobIdsAndNegativeIndexesAreRejected() {
        MapOutputStore store = new MapOutputStore(root);

        assertThrows(IllegalArgumentException.class, () -> store.attemptDir("..", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> store.attemptDir("a/b", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> store.attemptDir("j", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> store.removeJob(".."));
    }

    @Test
    void registeredOutputsAreFoundByTheirAttempt() throws Exception {
        MapOutputStore store = new MapOutputStore(root);
        MapOutputFile output = MapOutputs.write(store, "j", 0, 2, new int[] {4, 4}, 8);

        assertEquals(output, store.find("j", 0, 2).orElseThrow());
        assertTrue(store.find("j", 0, 1).isEmpty());
        assertEquals(2, store.stored("j", 0, 2).orElseThrow().segmentCrcs().length);
    }

    @Test
    void anOutputShorterThanItsIndexIsNotRegistered() throws Exception {
        MapOutputStore store = new MapOutputStore(root);
        Path file = Files.write(store.attemptDir("j", 0, 0).resolve("map.out"), new byte[10]);

        assertThrows(UncheckedIOException.class,
                () -> store.register("j", 0, 0, new MapOutputFile(file, new long[] {0, 5, 20})));
        assertFalse(store.find("j", 0, 0).isPresent());
    }
}
