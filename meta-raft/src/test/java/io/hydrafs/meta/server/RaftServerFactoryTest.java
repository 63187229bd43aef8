package io.hydrafs.meta.server;

import io.hydrafs.protocol.config.HydraConfig;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ratis settings a meta node runs with, and which of them raw "raft.*" keys may change. */
class RaftServerFactoryTest {
    private static final Path RAFT_DIR = Path.of("/nonexistent/raft");

    private static RaftProperties propertiesWith(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of(
                MetaNodeConfig.NODE_ID.name(), "m1",
                MetaNodeConfig.PEERS.name(), "m1=127.0.0.1:1:2,m2=127.0.0.1:3:4,m3=127.0.0.1:5:6",
                MetaNodeConfig.DATA_DIR.name(), "/nonexistent"));
        m.putAll(extra);
        return RaftServerFactory.properties(MetaNodeConfig.from(HydraConfig.of(m)), RAFT_DIR);
    }

    @Test
    void theHeapKeepsAtMostTwoClosedLogSegmentsParsed() {
        RaftProperties p = propertiesWith(Map.of(MetaNodeConfig.LOG_SEGMENT_SIZE_BYTES.name(), String.valueOf(8 << 20)));

        assertEquals(2, RaftServerConfigKeys.Log.segmentCacheNumMax(p));
        assertEquals(16L << 20, RaftServerConfigKeys.Log.segmentCacheSizeMax(p).getSize());
    }

    @Test
    void aRawRaftKeyMayLoosenTheLogCache() {
        RaftProperties p = propertiesWith(Map.of(RaftServerConfigKeys.Log.SEGMENT_CACHE_NUM_MAX_KEY, "6"));

        assertEquals(6, RaftServerConfigKeys.Log.segmentCacheNumMax(p));
    }

    @Test
    void rawRaftKeysCannotTurnOffWhatReadsAndSnapshotsDependOn() {
        RaftProperties p = propertiesWith(Map.of(
                RaftServerConfigKeys.Read.OPTION_KEY, "DEFAULT",
                RaftServerConfigKeys.Snapshot.AUTO_TRIGGER_ENABLED_KEY, "false"));

        assertEquals(RaftServerConfigKeys.Read.Option.LINEARIZABLE, RaftServerConfigKeys.Read.option(p));
        assertTrue(RaftServerConfigKeys.Snapshot.autoTriggerEnabled(p));
    }

    @Test
    void followersAppendEntriesInLineInsteadOfOnANewThreadEach() {
        RaftProperties p = propertiesWith(Map.of());

        assertFalse(RaftServerConfigKeys.Log.appendEntriesComposeEnabled(p));
    }
}
