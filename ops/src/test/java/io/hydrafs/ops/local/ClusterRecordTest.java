package io.hydrafs.ops.local;

import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterRecordTest {
    private static final List<MetaPeer> PEERS = List.of(
            new MetaPeer("m1", "127.0.0.1", 9871, 9870), new MetaPeer("m2", "127.0.0.1", 9881, 9880));
    private static final List<LocalBlockstore> BLOCKSTORES = List.of(
            new LocalBlockstore("b1", "127.0.0.1", 9872), new LocalBlockstore("b2", "127.0.0.1", 9882));

    @TempDir
    Path dir;

    @Test
    void aSavedRecordLoadsBackWithPeersAndPids() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterRecord record = ClusterRecord.stopped(PEERS, List.of())
                .withPid("m2", new NodePid(4242, Instant.parse("2026-01-02T03:04:05.600Z")));

        record.save(layout);

        assertEquals(Optional.of(record), ClusterRecord.load(layout));
        assertEquals(List.of("127.0.0.1:9870", "127.0.0.1:9880"), record.metaAddresses());
        assertTrue(Files.readString(layout.clusterProperties()).contains("meta.addresses=127.0.0.1:9870,127.0.0.1:9880"));
    }

    @Test
    void blockstoresAndTheirPidsLoadBackAndAreWrittenAfterTheMetaKeys() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterRecord record = ClusterRecord.stopped(PEERS, BLOCKSTORES).withPid("b2", new NodePid(77, null));

        record.save(layout);

        assertEquals(Optional.of(record), ClusterRecord.load(layout));
        assertEquals(List.of("m1", "m2", "b1", "b2"), record.nodeIds());
        assertTrue(Files.readString(layout.clusterProperties()).contains("blockstores=b1=127.0.0.1:9872,b2=127.0.0.1:9882\n"));
        assertTrue(record.stopped().pids().isEmpty());
    }

    @Test
    void computeNodesLoadBackAfterTheBlockstoresAndAFileWithoutThemHasNone() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        LocalCompute compute = new LocalCompute(List.of(new LocalCoordinator("c1", "127.0.0.1", 9875),
                new LocalCoordinator("c2", "127.0.0.1", 9885)), List.of(
                new LocalWorker("w1", "127.0.0.1", 9876, "b1"), new LocalWorker("w2", "127.0.0.1", 9886, "b2")));
        ClusterRecord record = ClusterRecord.stopped(PEERS, BLOCKSTORES).withCompute(compute)
                .withPid("w2", new NodePid(99, null));

        record.save(layout);

        assertEquals(Optional.of(record), ClusterRecord.load(layout));
        assertEquals(List.of("m1", "m2", "b1", "b2", "c1", "c2", "w1", "w2"), record.nodeIds());
        assertTrue(Files.readString(layout.clusterProperties())
                .contains("compute.coordinator=c1=127.0.0.1:9875,c2=127.0.0.1:9885\n"));
        assertEquals("127.0.0.1:9875,127.0.0.1:9885", compute.coordinatorAddress());
        assertTrue(Files.readString(layout.clusterProperties())
                .contains("compute.workers=w1=127.0.0.1:9876@b1,w2=127.0.0.1:9886@b2\n"));
        assertEquals(compute, record.stopped().compute());
        ClusterRecord.stopped(PEERS, BLOCKSTORES).save(layout);
        assertEquals(LocalCompute.NONE, ClusterRecord.load(layout).orElseThrow().compute());
    }

    @Test
    void workersAreColocatedWithTheBlockstoresInTurn() throws Exception {
        ClusterRecord cluster = ClusterRecord.stopped(PEERS, BLOCKSTORES);

        LocalCompute compute = LocalComputeLayout.newCompute(3, cluster, 20_000);

        assertEquals(List.of(20_005, 20_015), compute.coordinators().stream().map(LocalCoordinator::port).toList());
        assertEquals(List.of("c1", "c2"), compute.coordinators().stream().map(LocalCoordinator::id).toList());
        assertEquals(List.of("b1", "b2", "b1"), compute.workers().stream().map(LocalWorker::colocatedBlockstore).toList());
        assertEquals(List.of(20_006, 20_016, 20_026), compute.workers().stream().map(LocalWorker::shufflePort).toList());
        assertEquals(LocalCompute.NONE, LocalComputeLayout.newCompute(0, cluster, 0));
    }

    @Test
    void aFileWrittenBeforeStandbyCoordinatorsExistedHasOneCoordinator() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        Files.writeString(layout.clusterProperties(), "meta.peers=m1=127.0.0.1:9871:9870\nmeta.addresses=127.0.0.1:9870\n"
                + "compute.coordinator=c1=127.0.0.1:9875\ncompute.workers=w1=127.0.0.1:9876@\n");

        LocalCompute compute = ClusterRecord.load(layout).orElseThrow().compute();

        assertEquals(List.of(new LocalCoordinator("c1", "127.0.0.1", 9875)), compute.coordinators());
        assertEquals("127.0.0.1:9875", compute.coordinatorAddress());
    }

    @Test
    void aFileWrittenBeforeBlockstoresExistedIsAClusterWithoutBlockstores() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        Files.writeString(layout.clusterProperties(), "meta.peers=m1=127.0.0.1:9871:9870\nmeta.addresses=127.0.0.1:9870\n"
                + "node.m1.pid=42\n");

        ClusterRecord record = ClusterRecord.load(layout).orElseThrow();

        assertEquals(List.of(), record.blockstores());
        assertEquals(Optional.of(new NodePid(42, null)), record.pid("m1"));
    }

    @Test
    void httpPortsLoadBackAndAFileWithoutThemGivesPortZero() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterRecord record = ClusterRecord.stopped(PEERS, BLOCKSTORES, java.util.Map.of("m1", 9873, "b2", 9884))
                .withPid("m1", new NodePid(5, null));

        record.save(layout);
        ClusterRecord loaded = ClusterRecord.load(layout).orElseThrow();

        assertEquals(record, loaded);
        assertEquals(9873, loaded.httpPort("m1"));
        assertEquals(0, loaded.httpPort("m2"));
        assertEquals(record.httpPorts(), loaded.stopped().httpPorts());
        assertTrue(Files.readString(layout.clusterProperties()).contains("node.b2.http.port=9884\n"));
    }

    @Test
    void anHttpPortOfAnUnknownNodeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ClusterRecord.stopped(PEERS, List.of(), java.util.Map.of("b9", 9999)));
    }

    @Test
    void anIdUsedByAMetaNodeAndABlockstoreIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ClusterRecord.stopped(PEERS, List.of(new LocalBlockstore("m1", "127.0.0.1", 9999))));
        assertThrows(IllegalArgumentException.class, () -> LocalBlockstore.parse("b1=127.0.0.1"));
    }

    @Test
    void aNodeWithoutAPidIsStopped() throws Exception {
        ClusterRecord record = ClusterRecord.stopped(PEERS, List.of()).withPid("m1", new NodePid(7, null)).withoutPid("m1");

        assertEquals(Optional.empty(), record.pid("m1"));
    }

    @Test
    void aDirectoryWithoutTheFileHoldsNoCluster() throws Exception {
        assertEquals(Optional.empty(), ClusterRecord.load(new ClusterLayout(dir)));
    }

    @Test
    void aDamagedFileIsAnIoErrorNamingTheFile() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        Files.writeString(layout.clusterProperties(), "meta.peers=m1=nohost\n");

        HydraException e = assertThrows(HydraException.class, () -> ClusterRecord.load(layout));

        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertTrue(e.getMessage().contains(layout.clusterProperties().toString()), e.getMessage());
    }

    @Test
    void aRecordedPidOfAProcessStartedAtAnotherTimeIsNotThatNode() {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElseThrow();

        assertTrue(new NodePid(self.pid(), started).live().isPresent());
        assertTrue(new NodePid(self.pid(), started.minusSeconds(3600)).live().isEmpty(), "pid reuse not detected");
    }
}
