package io.hydrafs.minicluster;

import io.hydrafs.client.ContentSummary;
import io.hydrafs.client.DirectoryQuota;
import io.hydrafs.client.HydraFileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Losing the leader while writers are busy loses nothing: every acknowledged create exists
 * afterwards, no create that the client retried across the failover comes back as "already
 * exists" (the retry cache answers it), and service resumes within seconds. A leader that is
 * stopped cleanly (SIGTERM) does better: it hands leadership to a follower before it goes. A
 * directory quota above the writers counts each acknowledged create once, retries included.
 */
class LeaderFailoverTest {
    private MiniCluster cluster;
    private CreateLoad load;

    @AfterEach
    void tearDown() throws Exception {
        if (load != null) {
            load.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killingTheLeaderDuringCreatesLosesNoAcknowledgedFile() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        load = CreateLoad.start(cluster.newClient(), 4);
        load.awaitMore(200);

        int oldLeader = cluster.leaderIndex();
        long killedAt = System.nanoTime();
        cluster.stopMeta(oldLeader);
        load.awaitMore(200);
        long resumedAfterMs = TimeUnit.NANOSECONDS.toMillis(load.lastSuccessNanos() - killedAt);

        load.stopAndVerify();
        assertTrue(cluster.leaderIndex() != oldLeader);
        assertTrue(resumedAfterMs < 15_000, "service resumed only after " + resumedAfterMs + " ms");
    }

    @Test
    void aLeaderStoppedCleanlyHandsLeadershipToAFollowerBeforeItGoes() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        load = CreateLoad.start(cluster.newClient(), 4);
        load.awaitMore(100);

        int oldLeader = cluster.leaderIndex();
        cluster.shutdownMeta(oldLeader);

        // No election timeout has passed: only a hand-over can have made a follower leader already.
        boolean followerLeadsAtOnce = IntStream.range(0, cluster.metaCount())
                .filter(i -> i != oldLeader)
                .anyMatch(i -> "LEADER".equals(cluster.meta(i).role()));
        assertTrue(followerLeadsAtOnce, "no follower was leader when the old leader's stop returned");
        load.awaitMore(100);
        load.stopAndVerify();
        assertNotEquals(oldLeader, cluster.leaderIndex());
    }

    @Test
    void aQuotaCountsEachCreateOnceWhenCallsAreRetriedAcrossTheKill() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        HydraFileSystem client = cluster.newClient();
        client.mkdirs("/ha");
        client.setQuota("/ha", 1_000_000, DirectoryQuota.NONE);
        load = CreateLoad.start(cluster.newClient(), 4);
        load.awaitMore(200);

        cluster.stopMeta(cluster.leaderIndex());
        load.awaitMore(200);
        load.stopAndVerify();

        ContentSummary summary = client.getContentSummary("/ha");
        assertEquals(summary.directoryCount() + summary.fileCount(), summary.quota().namespaceUsed(),
                "the quota's count of names against a fresh count: " + summary);
    }
}
