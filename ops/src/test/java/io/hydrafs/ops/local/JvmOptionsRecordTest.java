package io.hydrafs.ops.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JvmOptionsRecordTest {
    @TempDir
    Path dir;

    @Test
    void theFlagsAClusterWasStartedWithAreReadBack() throws Exception {
        ClusterLayout layout = new ClusterLayout(dir);
        List<String> flags = List.of("-Xmx2g", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

        JvmOptionsRecord.save(layout, flags);

        assertEquals(flags, JvmOptionsRecord.load(layout));
    }

    @Test
    void aClusterThatRecordedNoFlagsGetsTheDefaults() throws Exception {
        assertEquals(NodeCommand.DEFAULT_JVM_OPTIONS, JvmOptionsRecord.load(new ClusterLayout(dir)));
    }
}
