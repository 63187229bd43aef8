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

    @TempDir
    Path dir;

    @Test
    void aSavedRecordLoadsBackWithPeersAndPids() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterRecord record = ClusterRecord.stopped(PEERS)
                .withPid("m2", new NodePid(4242, Instant.parse("2026-01-02T03:04:05.600Z")));

        record.save(layout);

        assertEquals(Optional.of(record), ClusterRecord.load(layout));
        assertEquals(List.of("127.0.0.1:9870", "127.0.0.1:9880"), record.metaAddresses());
        assertTrue(Files.readString(layout.clusterProperties()).contains("meta.addresses=127.0.0.1:9870,127.0.0.1:9880"));
    }

    @Test
    void aNodeWithoutAPidIsStopped() throws Exception {
        ClusterRecord record = ClusterRecord.stopped(PEERS).withPid("m1", new NodePid(7, null)).withoutPid("m1");

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
