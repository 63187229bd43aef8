package io.hydrafs.compute.input;

import io.hydrafs.compute.ClusterTestBase;
import io.hydrafs.client.FileStatus;
import io.hydrafs.compute.ClusterFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class SplitPlannerTest extends ClusterTestBase {
    private static final int BLOCK = ClusterFixture.BLOCK_BYTES;

    @BeforeAll
    void writeInputs() throws IOException {
        ClusterFixture.write(fs, "/splits/dir/a", new byte[BLOCK * 3 + BLOCK / 2]);
        ClusterFixture.write(fs, "/splits/dir/b", new byte[10]);
        ClusterFixture.write(fs, "/splits/dir/empty", new byte[0]);
        ClusterFixture.write(fs, "/splits/dir/_logs", new byte[10]);
        ClusterFixture.write(fs, "/splits/dir/.crc", new byte[10]);
        ClusterFixture.write(fs, "/splits/dir/sub/nested", new byte[10]);
    }

    @Test
    void aDirectoryStandsForItsVisibleFilesOnly() throws IOException {
        List<String> files = InputPaths.expand(fs, List.of("/splits/dir")).stream().map(FileStatus::path).toList();

        assertEquals(List.of("/splits/dir/a", "/splits/dir/b", "/splits/dir/empty"), files);
    }

    @Test
    void splitsFollowBlocksAndNameTheReplicaHolders() throws IOException {
        List<InputSplit> splits = SplitPlanner.blockSplits(fs, InputPaths.expand(fs, List.of("/splits/dir")));

        assertEquals(List.of("/splits/dir/a:0+65536", "/splits/dir/a:65536+65536", "/splits/dir/a:131072+65536",
                "/splits/dir/a:196608+32768", "/splits/dir/b:0+10"), splits.stream().map(InputSplit::toString).toList());
        for (InputSplit s : splits) {
            assertEquals(3, s.hosts().size(), "replica holders of " + s);
            assertTrue(s.hosts().stream().allMatch(h -> !h.isEmpty()));
        }
    }
}
