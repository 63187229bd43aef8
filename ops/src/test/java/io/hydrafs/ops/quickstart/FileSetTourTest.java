package io.hydrafs.ops.quickstart;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.minicluster.MiniCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data-path tour against an in-JVM cluster of 3 meta nodes and 3 blockstores, with small blocks. */
class FileSetTourTest {
    private static final long BLOCK = 4096;
    /** Empty, sub-chunk, exactly a block, a block and a byte, several blocks ending off a chunk boundary. */
    private static final List<Long> LENGTHS = List.of(0L, 1L, 511L, BLOCK, BLOCK + 1, 5 * BLOCK + 700, 12 * BLOCK);

    private static MiniCluster cluster;
    private static HydraFileSystem fs;

    private final StringWriter story = new StringWriter();

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = MiniCluster.builder().metaNodes(3).blockstores(3)
                .config("hydra.meta.namespace.min.block.size.bytes", "512").start();
        fs = cluster.newClient();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private FileSetTour tour(FileSet set) {
        return new FileSetTour(fs, set, 3, new PrintWriter(story, true));
    }

    @Test
    void aHealthyClusterReadsEveryFileBackAlsoWithTheBusiestBlockstoreCrashedAndRestarted() throws Exception {
        RecordingBlockstores blockstores = new RecordingBlockstores();

        List<String> problems = tour(new FileSet("/tour/healthy", BLOCK, LENGTHS)).run(blockstores);

        assertEquals(List.of(), problems, story.toString());
        assertEquals(1, blockstores.crashed.size(), story.toString());
        assertEquals(blockstores.crashed, blockstores.restarted);
        assertNotNull(cluster.blockstore(index(blockstores.crashed.get(0))));
        String out = story.toString();
        assertTrue(out.contains("wrote 7 files"), out);
        assertTrue(out.contains("read back every file in"), out);
        assertTrue(out.contains("read back every file with " + blockstores.crashed.get(0) + " down"), out);
        assertTrue(out.contains("failed over to another replica by itself"), out);
    }

    @Test
    void filesChangedBehindTheToursBackAreProblems() throws Exception {
        FileSet set = new FileSet("/tour/changed", BLOCK, LENGTHS);
        FileSetTour tour = tour(set);
        tour.write();
        overwrite(set.path(5), new byte[(int) set.length(5)]);   // same length, other bytes
        overwrite(set.path(4), new byte[10]);                    // shorter

        List<String> problems = tour.readBack(" after the change");

        assertEquals(2, problems.size(), story.toString());
        assertTrue(problems.get(0).startsWith(set.path(4) + " has 10 bytes, not " + set.length(4)), problems.get(0));
        assertTrue(problems.get(1).startsWith(set.path(5) + ": byte 0 is not what was written"), problems.get(1));
        assertTrue(story.toString().contains("2 FILES DIFFER OR FAILED"), story.toString());
    }

    @Test
    void theFileSetReadsBackIntactAgainOnAFreshRead() throws Exception {
        FileSetTour tour = tour(new FileSet("/tour/again", BLOCK, LENGTHS));
        tour.write();

        assertEquals(List.of(), tour.readBack(""));
        assertEquals(List.of(), tour.readBack(" again"));
    }

    @Test
    void theBusiestBlockstoreIsTheMostFrequentFirstReplicaAndTheLowestIdOnATie() {
        assertEquals("b2", FileSetTour.busiest(Map.of("b1", 3, "b2", 5, "b3", 4)));
        assertEquals("b1", FileSetTour.busiest(Map.of("b3", 4, "b1", 4, "b2", 1)));
    }

    private static void overwrite(String path, byte[] bytes) throws HydraException {
        try (HydraOutputStream out = fs.create(path)) {
            out.write(bytes, 0, bytes.length);
        }
    }

    private static int index(String blockstoreId) {
        return Integer.parseInt(blockstoreId.substring(1)); // MiniCluster names blockstore i "b<i>"
    }

    /** Crashes MiniCluster blockstores as the quickstart crashes processes, and remembers which. */
    private static final class RecordingBlockstores implements FileSetTour.Blockstores {
        final List<String> crashed = new ArrayList<>();
        final List<String> restarted = new ArrayList<>();

        @Override
        public String crash(String id) {
            cluster.stopBlockstore(index(id));
            crashed.add(id);
            return id;
        }

        @Override
        public void restart(String id) throws HydraException {
            try {
                cluster.startBlockstore(index(id));
            } catch (IOException e) {
                throw new HydraException(ErrorCode.IO_ERROR, "restarting " + id + " failed: " + e, e);
            }
            restarted.add(id);
        }
    }
}
