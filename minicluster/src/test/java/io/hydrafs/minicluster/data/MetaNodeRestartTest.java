package io.hydrafs.minicluster.data;

import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Blockstores find a meta node again after it restarts (their connection to it broke) and send
 * it their full block reports, so that it knows every replica before it may lead.
 */
class MetaNodeRestartTest {

    @Test
    void aRestartedMetaNodeHearsFromEveryBlockstoreAgainAndHoldsTheirReports() throws Exception {
        try (MiniCluster cluster = MiniCluster.builder().metaNodes(3).blockstores(3).start()) {
            int follower = (cluster.leaderIndex() + 1) % 3;
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.meta(follower).blocks().reportedBlockstores() == 3);

            cluster.shutdownMeta(follower);
            cluster.startMeta(follower);

            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.meta(follower).blocks().reportedBlockstores() == 3
                    && cluster.meta(follower).blocks().viewComplete());
        }
    }
}
