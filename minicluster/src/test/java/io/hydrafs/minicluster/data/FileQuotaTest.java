package io.hydrafs.minicluster.data;

import io.hydrafs.client.ContentSummary;
import io.hydrafs.client.DirectoryQuota;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.minicluster.MiniCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;

import static io.hydrafs.minicluster.data.DataPathFixture.BLOCK_SIZE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Directory quotas on a running cluster: a writer stopped by its space quota, and quotas across a leader change. */
class FileQuotaTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    @RegisterExtension
    static final DataCluster CLUSTER = new DataCluster();
    private final HydraFileSystem fs = CLUSTER.fs();

    @Test
    void aWriterIsStoppedAtTheBlockThatWouldPassTheSpaceQuotaAndKeepsTheBlocksBefore() throws Exception {
        fs.mkdirs("/quota/space");
        long twoBlocks = 2L * BLOCK_SIZE * 3;
        fs.setQuota("/quota/space", DirectoryQuota.DONT_SET, twoBlocks);
        byte[] data = DataPathFixture.bytes(3 * BLOCK_SIZE, 61);

        HydraException refused = assertThrows(HydraException.class, () -> {
            try (OutputStream out = fs.create("/quota/space/f", DataPathFixture.options(3))) {
                out.write(data);
            }
        });

        assertEquals(ErrorCode.SPACE_QUOTA_EXCEEDED, refused.code(), refused.toString());
        fs.recoverLease("/quota/space/f");
        await().atMost(LONG).until(() -> fs.isClosed("/quota/space/f"));
        assertArrayEquals(Arrays.copyOf(data, 2 * BLOCK_SIZE), DataPathFixture.read(fs, "/quota/space/f"));
        ContentSummary summary = fs.getContentSummary("/quota/space");
        assertEquals(new DirectoryQuota(DirectoryQuota.NONE, 2, twoBlocks, twoBlocks), summary.quota());
    }

    @Test
    void aNewLeaderEnforcesTheQuotasItsPredecessorSet() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().metaNodes(3).start()) {
            HydraFileSystem client = cluster.newClient();
            client.mkdirs("/q/a");
            client.setQuota("/q", 3, DirectoryQuota.NONE);

            cluster.stopMeta(cluster.leaderIndex());
            client.mkdirs("/q/b");
            HydraException refused = assertThrows(HydraException.class, () -> client.mkdirs("/q/c"));

            assertEquals(ErrorCode.NAMESPACE_QUOTA_EXCEEDED, refused.code());
            assertEquals(new DirectoryQuota(3, 3, DirectoryQuota.NONE, 0), client.getContentSummary("/q").quota());
        }
    }
}
