package io.hydrafs.ops.admin;

import io.hydrafs.protocol.meta.AdminReportResponse;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.BlockstoreReport;
import io.hydrafs.protocol.meta.MetaNodeReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code hydra admin report} as text: the meta group, the blockstores, the block counts. Pure. */
public final class AdminReportView {
    private AdminReportView() {
    }

    public static List<String> lines(AdminReportResponse r) {
        List<String> out = new ArrayList<>();
        out.add("Meta nodes (leader " + r.getLeaderId() + ", term " + r.getTerm() + "):");
        TextTable meta = new TextTable("ID", "ADDRESS", "ROLE", "TERM", "APPLIED", "LAST CONTACT");
        for (MetaNodeReport m : r.getMetaNodesList()) {
            meta.row(m.getId(), m.getRpcAddress(), m.getRole(), orDash(m.getTerm()), orDash(m.getAppliedIndex()),
                    m.getLastContactMs() < 0 ? "-" : m.getLastContactMs() + " ms");
        }
        meta.lines().forEach(l -> out.add("  " + l));
        long live = r.getBlockstoresList().stream().filter(BlockstoreReport::getLive).count();
        out.add("");
        out.add("Blockstores: " + live + " live, " + (r.getBlockstoresCount() - live) + " dead");
        TextTable stores = new TextTable("ID", "ADDRESS", "RACK", "STATE", "CAPACITY", "USED", "REMAINING",
                "REPLICAS", "DECOMMISSION");
        for (BlockstoreReport b : r.getBlockstoresList()) {
            BlockstoreLocation at = b.getLocation();
            stores.row(at.getId(), at.getHost() + ":" + at.getDataPort(), at.getRack().isEmpty() ? "/default" : at.getRack(),
                    b.getLive() ? "live" : "dead (" + b.getLastHeardMsAgo() / 1000 + " s)", bytes(b.getCapacityBytes()),
                    bytes(b.getUsedBytes()), bytes(b.getRemainingBytes()), b.getReplicas(), decommission(b));
        }
        stores.lines().forEach(l -> out.add("  " + l));
        out.add("");
        out.add("Under-replicated blocks: " + r.getUnderReplicatedBlocks());
        out.add("Missing blocks: " + r.getMissingBlocks());
        return out;
    }

    /** The decommissioning column: "-" when not decommissioning. */
    public static String decommission(BlockstoreReport b) {
        if (!b.getDecommissioning()) {
            return "-";
        }
        long pending = b.getDecommissionPendingBlocks();
        if (pending < 0) {
            return "in progress (not counted yet)";
        }
        return pending == 0 ? "safe to remove" : "in progress (" + pending + " blocks to copy)";
    }

    /** Binary units with one decimal: 0 B, 512 B, 1.5 KiB, 3.0 GiB. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int unit = -1;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
    }

    private static String orDash(long v) {
        return v == 0 ? "-" : Long.toString(v);
    }
}
