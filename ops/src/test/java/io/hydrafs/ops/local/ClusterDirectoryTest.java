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
    void aBasePortGivesTheExampleConfigsPortLayout() throws Exception {
        ClusterRecord record = prepare(LocalClusterOptions.builder(dir).metaNodes(3).basePort(39870));

        assertEquals(List.of(new MetaPeer("m1", "127.0.0.1", 39871, 39870), new MetaPeer("m2", "127.0.0.1", 39881, 39880),
                new MetaPeer("m3", "127.0.0.1", 39891, 39890)), record.peers());
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
                LocalClusterOptions.builder(dir).metaNodes(-1), LocalClusterOptions.builder(dir).basePort(80))) {
            HydraException e = assertThrows(HydraException.class, () -> bad.build().validate());
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
    }
}
