package io.hydrafs.ops.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A local cluster with real blockstore processes ({@code hydra blockstore}, module blockstore):
 * readiness counts them, they are restarted with their id and data port, and close stops them.
 */
class LocalClusterWithBlockstoresTest {
    @TempDir
    Path dir;

    private LocalProcessCluster cluster;

    @AfterEach
    void stopEverything() {
        if (cluster != null) {
            cluster.close();
        }
        NodeProcesses.killAllDescendants();
    }

    @Test
    void oneMetaNodeAndTwoBlockstoresAreReadyWhenTheLeaderCountsBothLiveAndABlockstoreRestartsOnItsPort() throws Exception {
        Path clusterDir = dir.resolve("c");
        cluster = LocalProcessCluster.start(LocalClusterOptions.builder(clusterDir).metaNodes(1).blockstores(2)
                .config("hydra.blockstore.heartbeat.interval.ms", "200")
                .readyTimeout(NodeProcesses.READY_TIMEOUT).build());

        assertEquals(2, cluster.blockstoreCount());
        NodeStatus leader = NodeStatus.leader(cluster.status()).orElseThrow();
        assertEquals(2, leader.liveBlockstores(), leader.toString());
        List<BlockstoreStatus> stores = cluster.blockstoreStatus();
        assertEquals(List.of("b1", "b2"), stores.stream().map(BlockstoreStatus::id).toList());
        assertTrue(stores.stream().allMatch(BlockstoreStatus::alive), stores.toString());
        assertNotEquals(cluster.blockstorePid(0), cluster.blockstorePid(1));
        assertTrue(LoopbackPorts.isListening(cluster.blockstores().get(1).dataPort()), "b2 serves no data port");
        assertTrue(Files.isDirectory(clusterDir.resolve("b1").resolve("data")));
        String hydraProperties = Files.readString(clusterDir.resolve("hydra.properties"));
        assertTrue(hydraProperties.contains("hydra.meta.addresses=" + cluster.metaAddresses().get(0)), hydraProperties);

        long killed = cluster.blockstorePid(1);
        cluster.killBlockstore(1);
        assertTrue(NodeProcesses.isGone(killed), "SIGKILLed blockstore still runs");
        cluster.startBlockstore(1);
        assertTrue(cluster.isBlockstoreAlive(1));
        assertTrue(LoopbackPorts.isListening(cluster.blockstores().get(1).dataPort()), "restarted b2 serves no data port");
        assertEquals(2, NodeStatus.leader(cluster.status()).orElseThrow().liveBlockstores());
        cluster.stopBlockstore(0);
        assertEquals(-1, cluster.blockstorePid(0));

        List<Long> pids = cluster.allPids();
        cluster.close();

        assertTrue(pids.stream().allMatch(NodeProcesses::isGone), "left running: " + pids);
        assertTrue(ClusterRecord.load(new ClusterLayout(clusterDir)).orElseThrow().pids().isEmpty());
    }
}
