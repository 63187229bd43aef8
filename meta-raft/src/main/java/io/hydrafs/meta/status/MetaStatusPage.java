package io.hydrafs.meta.status;

import io.hydrafs.meta.blocks.BlockstoreView;

import java.util.Locale;

import static io.hydrafs.protocol.http.Html.escape;

/**
 * Renders a {@link MetaStatus} as a self-contained HTML page (no scripts, no external assets), the
 * page a meta node serves at {@code /} of its status HTTP port. Every value is HTML-escaped:
 * ids, hosts and racks come from configuration and from blockstores over the network.
 */
public final class MetaStatusPage {
    private static final String STYLE = "body{font-family:sans-serif;margin:1.5em}"
            + "table{border-collapse:collapse;margin-bottom:1.5em}"
            + "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left}"
            + "th{background:#eee}.dead{color:#b00}.num{text-align:right}";

    private MetaStatusPage() {
    }

    public static String render(MetaStatus s) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>HydraFS meta node ")
                .append(escape(s.nodeId())).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>HydraFS meta node ").append(escape(s.nodeId())).append("</h1>\n");

        h.append("<h2>This node</h2>\n<table>\n");
        row(h, "Role", s.role());
        row(h, "Term", s.term());
        row(h, "Applied index", s.appliedIndex());
        row(h, "Leader", s.leaderId().isEmpty() ? "unknown" : s.leaderId() + " (" + s.leaderRpcAddress() + ")");
        h.append("</table>\n");

        h.append("<h2>Members</h2>\n<table>\n<tr><th>Id</th><th>Raft address</th><th>RPC address</th><th>Role</th></tr>\n");
        for (MetaStatus.Member m : s.members()) {
            String role = m.id().equals(s.leaderId()) ? "leader" : "";
            if (m.id().equals(s.nodeId())) {
                role = role.isEmpty() ? "this node" : "leader, this node";
            }
            h.append("<tr><td>").append(escape(m.id())).append("</td><td>").append(escape(m.raftAddress()))
                    .append("</td><td>").append(escape(m.rpcAddress())).append("</td><td>").append(escape(role))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        h.append("<h2>Blocks</h2>\n<table>\n");
        row(h, "Under-replicated blocks", s.underReplicatedBlocks());
        row(h, "Missing blocks", s.missingBlocks());
        h.append("</table>\n");

        h.append("<h2>Blockstores: ").append(s.liveBlockstores()).append(" live, ").append(s.deadBlockstores())
                .append(" dead</h2>\n<table>\n<tr><th>Id</th><th>Data address</th><th>Rack</th><th>State</th>"
                        + "<th>Last heard</th><th>Capacity</th><th>Used</th><th>Remaining</th>"
                        + "<th>Failed volumes</th></tr>\n");
        for (BlockstoreView b : s.blockstores()) {
            String state = (b.live() ? "live" : "dead") + (b.decommissioning() ? ", decommissioning" : "");
            h.append("<tr").append(b.live() ? "" : " class=\"dead\"").append("><td>").append(escape(b.id()))
                    .append("</td><td>").append(escape(b.host() + ":" + b.dataPort()))
                    .append("</td><td>").append(escape(b.rack()))
                    .append("</td><td>").append(escape(state))
                    .append("</td><td class=\"num\">").append(escape(seconds(b.lastHeardAgoMs())))
                    .append("</td><td class=\"num\">").append(escape(bytes(b.capacityBytes())))
                    .append("</td><td class=\"num\">").append(escape(bytes(b.usedBytes())))
                    .append("</td><td class=\"num\">").append(escape(bytes(b.remainingBytes())))
                    .append("</td><td class=\"num\">").append(b.failedVolumes()).append("</td></tr>\n");
        }
        h.append("</table>\n");
        h.append("<p><a href=\"/metrics\">metrics (JSON)</a> &middot; <a href=\"/metrics/prometheus\">metrics "
                + "(Prometheus)</a> &middot; <a href=\"/health\">health</a></p>\n</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, Object value) {
        h.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    /** Binary units, one decimal: {@code 1536 -> "1.5 KiB"}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s ago", ms / 1000.0);
    }
}
