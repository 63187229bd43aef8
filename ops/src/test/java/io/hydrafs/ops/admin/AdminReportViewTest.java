package io.hydrafs.ops.admin;

import io.hydrafs.protocol.meta.AdminReportResponse;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.BlockstoreReport;
import io.hydrafs.protocol.meta.MetaNodeReport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminReportViewTest {
    private static BlockstoreReport store(String id, boolean live, boolean decommissioning, long pending) {
        return BlockstoreReport.newBuilder()
                .setLocation(BlockstoreLocation.newBuilder().setId(id).setHost("127.0.0.1").setDataPort(9000))
                .setLive(live).setCapacityBytes(10L << 30).setUsedBytes(1536).setRemainingBytes(5L << 30)
                .setReplicas(7).setDecommissioning(decommissioning).setDecommissionPendingBlocks(pending)
                .setLastHeardMsAgo(live ? 100 : 12_000).build();
    }

    @Test
    void theReportShowsEveryNodeAsAnAlignedTable() {
        AdminReportResponse r = AdminReportResponse.newBuilder().setLeaderId("m0").setTerm(3)
                .addMetaNodes(MetaNodeReport.newBuilder().setId("m0").setRpcAddress("127.0.0.1:1").setRole("LEADER")
                        .setTerm(3).setAppliedIndex(42).setLastContactMs(0))
                .addMetaNodes(MetaNodeReport.newBuilder().setId("m1").setRpcAddress("127.0.0.1:2").setRole("FOLLOWER")
                        .setLastContactMs(15))
                .addBlockstores(store("bs-a", true, false, -1))
                .addBlockstores(store("bs-b", false, false, -1))
                .setUnderReplicatedBlocks(2).setMissingBlocks(1).build();

        List<String> lines = AdminReportView.lines(r);

        assertEquals("Meta nodes (leader m0, term 3):", lines.get(0));
        assertEquals("  ID  ADDRESS      ROLE      TERM  APPLIED  LAST CONTACT", lines.get(1));
        assertEquals("  m0  127.0.0.1:1  LEADER    3     42       0 ms", lines.get(2));
        assertEquals("  m1  127.0.0.1:2  FOLLOWER  -     -        15 ms", lines.get(3));
        assertTrue(lines.contains("Blockstores: 1 live, 1 dead"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("  bs-a  127.0.0.1:9000  /default  live  ")
                && l.contains("10.0 GiB") && l.contains("1.5 KiB") && l.endsWith("7         -")), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.contains("bs-b") && l.contains("dead (12 s)")));
        assertTrue(lines.contains("Under-replicated blocks: 2"));
        assertTrue(lines.contains("Missing blocks: 1"));
    }

    @Test
    void decommissioningSaysWhenItIsSafeToRemove() {
        assertEquals("-", AdminReportView.decommission(store("a", true, false, -1)));
        assertEquals("in progress (not counted yet)", AdminReportView.decommission(store("a", true, true, -1)));
        assertEquals("in progress (3 blocks to copy)", AdminReportView.decommission(store("a", true, true, 3)));
        assertEquals("safe to remove", AdminReportView.decommission(store("a", true, true, 0)));
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertEquals("0 B", AdminReportView.bytes(0));
        assertEquals("1023 B", AdminReportView.bytes(1023));
        assertEquals("1.0 KiB", AdminReportView.bytes(1024));
        assertEquals("3.0 GiB", AdminReportView.bytes(3L << 30));
    }

    @Test
    void aPeerAddressIsItsRpcPort() {
        assertEquals("h1:7002", AdminClient.peerRpcAddress(List.of("m0=h0:7000:7001", "m1=h1:7001:7002"), "m1")
                .orElseThrow());
        assertTrue(AdminClient.peerRpcAddress(List.of("m0=h0:7000:7001"), "m9").isEmpty());
    }
}
