package io.hydrafs.ops.local;

import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory rules of a local cluster, without starting any process. */
class ClusterDirectoryTest {
    @TempDir
    Path dir;

    private ClusterRecord prepare(LocalClusterOptions.Builder options) throws HydraException {
        LocalClusterOptions o = options.build().validate();
        return ClusterDirectory.prepare(new ClusterLayout(o.dir()), o);
    }

    @Test
    void aNewClusterGetsNodesM1ToMnOnDistinctLoopbackPortsAndAConfigEveryNodeReads() throws Exception {
        ClusterRecord record = prepare(LocalClusterOptions.builder(dir.resolve("c")).metaNodes(5));

        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), record.peers().stream().map(MetaPeer::id).toList());
        assertEquals(10, record.peers().stream().flatMap(p -> List.of(p.raftPort(), p.rpcPort()).stream()).distinct().count());
        assertTrue(record.peers().stream().allMatch(p -> p.host().equals("127.0.0.1")));
        String config = Files.readString(dir.resolve("c/hydra.properties"));
        assertTrue(config.contains("hydra.meta.peers=" + record.peers().get(0)), config);
        assertTrue(config.contains("hydra.meta.addresses=" + String.join(",", record.metaAddresses())), config);
    }

    @Test
    void aNewClusterHasThreeBlockstoresB1ToB3ByDefaultOnPortsDistinctFromTheMetaNodes() throws Exception {
        ClusterRecord record = prepare(LocalClusterOptions.builder(dir.resolve("c")));

        assertEquals(List.of("b1", "b2", "b3"), record.blockstores().stream().map(LocalBlockstore::id).toList());
        List<Integer> ports = new java.util.ArrayList<>(record.blockstores().stream().map(LocalBlockstore::dataPort).toList());
        record.peers().forEach(p -> ports.addAll(List.of(p.raftPort(), p.rpcPort())));
        assertEquals(9, ports.stream().distinct().count(), ports.toString());
        assertTrue(record.blockstores().stream().allMatch(b -> b.host().equals("127.0.0.1")));
        assertEquals(record, ClusterRecord.load(new ClusterLayout(dir.resolve("c"))).orElseThrow());
    }

    // 29870: below Linux's ephemeral range (32768+), so no client socket of a parallel test holds it.
    @Test
    void aBasePortGivesTheExampleConfigsPortLayout() throws Exception {
        ClusterRecord record = prepare(LocalClusterOptions.builder(dir).metaNodes(3).blockstores(4).basePort(29870));

        assertEquals(List.of(new MetaPeer("m1", "127.0.0.1", 29871, 29870), new MetaPeer("m2", "127.0.0.1", 29881, 29880),
                new MetaPeer("m3", "127.0.0.1", 29891, 29890)), record.peers());
        assertEquals(List.of(29872, 29882, 29892, 29902), record.blockstores().stream().map(LocalBlockstore::dataPort).toList());
        assertEquals(List.of(29873, 29883, 29893), List.of(record.httpPort("m1"), record.httpPort("m2"), record.httpPort("m3")));
        assertEquals(List.of(29874, 29884, 29894, 29904), List.of(record.httpPort("b1"), record.httpPort("b2"),
                record.httpPort("b3"), record.httpPort("b4")));
    }

    @Test
    void aNewClusterOnFreePortsGivesEveryNodeItsOwnHttpPort() throws Exception {
        ClusterRecord record = prepare(LocalClusterOptions.builder(dir).metaNodes(3).blockstores(2));

        java.util.Set<Integer> all = new java.util.HashSet<>(record.httpPorts().values());
        record.peers().forEach(p -> {
            all.add(p.raftPort());
            all.add(p.rpcPort());
        });
        record.blockstores().forEach(b -> all.add(b.dataPort()));

        assertEquals(java.util.Set.of("m1", "m2", "m3", "b1", "b2"), record.httpPorts().keySet());
        assertEquals(3 * 3 + 2 * 2, all.size(), "every port of the cluster is distinct: " + record);
    }

    @Test
    void aStoppedClusterKeepsItsBlockstoresAndRefusesAnotherNumberUnlessFresh() throws Exception {
        ClusterRecord first = prepare(LocalClusterOptions.builder(dir).metaNodes(1).blockstores(2));
        Files.createDirectories(dir.resolve("b2/data"));

        assertEquals(first, prepare(LocalClusterOptions.builder(dir)));
        assertEquals(first, prepare(LocalClusterOptions.builder(dir).blockstores(2)));
        HydraException other = assertThrows(HydraException.class, () -> prepare(LocalClusterOptions.builder(dir).blockstores(0)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, other.code());
        assertTrue(other.getMessage().contains("with 2 blockstores"), other.getMessage());

        ClusterRecord fresh = prepare(LocalClusterOptions.builder(dir).fresh(true).blockstores(0));

        assertEquals(List.of(), fresh.blockstores());
        assertTrue(Files.notExists(dir.resolve("b2")), "the old blockstore's replicas survived --fresh");
    }

    @Test
    void aTakenDataPortOfAStoppedClusterIsAnIoErrorNamingTheBlockstore() throws Exception {
        LocalBlockstore b1 = prepare(LocalClusterOptions.builder(dir).metaNodes(1).blockstores(1)).blockstores().get(0);
        try (ServerSocket taken = new ServerSocket(b1.dataPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(taken.isBound());
            HydraException e = assertThrows(HydraException.class, () -> prepare(LocalClusterOptions.builder(dir)));

            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertTrue(e.getMessage().contains("(data port of b1) is in use"), e.getMessage());
        }
    }

    @Test
    void aNonEmptyDirectoryWithoutAClusterIsRefusedAndKept() throws Exception {
        Files.writeString(dir.resolve("precious.txt"), "mine");

        HydraException e = assertThrows(HydraException.class, () -> prepare(LocalClusterOptions.builder(dir).fresh(true)));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(Files.exists(dir.resolve("precious.txt")));
    }

    @Test
    void aStoppedClusterIsReusedAsItWasUnlessFresh() throws Exception {
        ClusterRecord first = prepare(LocalClusterOptions.builder(dir));
        Files.createDirectories(dir.resolve("m1/data"));
        Files.writeString(dir.resolve("notes.txt"), "not the cluster's");

        assertEquals(first, prepare(LocalClusterOptions.builder(dir)));
        HydraException otherSize = assertThrows(HydraException.class, () -> prepare(LocalClusterOptions.builder(dir).metaNodes(5)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, otherSize.code());

        ClusterRecord fresh = prepare(LocalClusterOptions.builder(dir).fresh(true).metaNodes(1));

        assertEquals(1, fresh.peers().size());
        assertTrue(Files.notExists(dir.resolve("m1/data")), "the old node's data survived --fresh");
        assertTrue(Files.exists(dir.resolve("notes.txt")), "--fresh deleted a file that was not the cluster's");
    }

    @Test
    void aTakenPortOfAStoppedClusterIsAnIoErrorNamingThePortAndTheNode() throws Exception {
        ClusterRecord record = prepare(LocalClusterOptions.builder(dir).metaNodes(1));
        MetaPeer m1 = record.peers().get(0);
        try (ServerSocket taken = new ServerSocket(m1.rpcPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(taken.isBound());
            HydraException e = assertThrows(HydraException.class, () -> prepare(LocalClusterOptions.builder(dir)));

            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertTrue(e.getMessage().contains("127.0.0.1:" + m1.rpcPort() + " (client port of m1) is in use"), e.getMessage());
        }
    }

    @Test
    void impossibleSizesAndPortsAreUsageErrors() {
        for (LocalClusterOptions.Builder bad : List.of(LocalClusterOptions.builder(dir).metaNodes(10),
                LocalClusterOptions.builder(dir).metaNodes(-1), LocalClusterOptions.builder(dir).basePort(80),
                LocalClusterOptions.builder(dir).blockstores(17), LocalClusterOptions.builder(dir).blockstores(-2))) {
            HydraException e = assertThrows(HydraException.class, () -> bad.build().validate());
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
    }
}
