package io.hydrafs.meta.status;

import io.hydrafs.meta.blocks.BlockstoreView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaStatusPageTest {

    private static MetaStatus status(String leaderId, List<BlockstoreView> blockstores) {
        return new MetaStatus("m0", "LEADER", 7, 1234, leaderId, "127.0.0.1:7100",
                List.of(new MetaStatus.Member("m0", "127.0.0.1:7000", "127.0.0.1:7100"),
                        new MetaStatus.Member("m1", "127.0.0.1:7001", "127.0.0.1:7101")),
                blockstores, 2, 1);
    }

    private static BlockstoreView blockstore(String id, String rack, boolean live) {
        return new BlockstoreView(id, "10.0.0.1", 7300, rack, live, false, 1500, 2L << 30, 1L << 30, 1L << 30, 0);
    }

    @Test
    void pageShowsRaftStateMembersBlockCountsAndBlockstores() {
        String html = MetaStatusPage.render(status("m0",
                List.of(blockstore("b0", "r1", true), blockstore("b1", "r2", false))));

        assertTrue(html.contains("<tr><th>Role</th><td>LEADER</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Term</th><td>7</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Applied index</th><td>1234</td></tr>"), html);
        assertTrue(html.contains("m0 (127.0.0.1:7100)"), html);
        assertTrue(html.contains("<td>leader, this node</td>"), html);
        assertTrue(html.contains("<tr><th>Under-replicated blocks</th><td>2</td></tr>"), html);
        assertTrue(html.contains("<tr><th>Missing blocks</th><td>1</td></tr>"), html);
        assertTrue(html.contains("Blockstores: 1 live, 1 dead"), html);
        assertTrue(html.contains("<td>b0</td><td>10.0.0.1:7300</td><td>r1</td><td>live</td>"), html);
        assertTrue(html.contains("<tr class=\"dead\"><td>b1</td>"), html);
        assertTrue(html.contains("<td class=\"num\">2.0 GiB</td>"), html);
    }

    @Test
    void unknownLeaderIsSaidSo() {
        String html = MetaStatusPage.render(status("", List.of()));

        assertTrue(html.contains("<tr><th>Leader</th><td>unknown</td></tr>"), html);
    }

    @Test
    void valuesFromTheNetworkAreHtmlEscaped() {
        String html = MetaStatusPage.render(status("m0",
                List.of(blockstore("<script>alert(1)</script>", "r\"&'", true))));

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("r&quot;&amp;&#39;"), html);
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        assertEquals("512 B", MetaStatusPage.bytes(512));
        assertEquals("1.5 KiB", MetaStatusPage.bytes(1536));
        assertEquals("3.0 TiB", MetaStatusPage.bytes(3L << 40));
    }
}
