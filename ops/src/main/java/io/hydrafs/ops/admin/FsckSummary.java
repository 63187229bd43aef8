package io.hydrafs.ops.admin;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What fsck found under one path, counted as it walks, and the summary it prints. */
public final class FsckSummary {
    private final String path;
    private long directories;
    private long files;
    private long bytes;
    private long blocks;
    private final Map<BlockHealth.Kind, Long> byKind = new EnumMap<>(BlockHealth.Kind.class);

    public FsckSummary(String path) {
        this.path = path;
        for (BlockHealth.Kind k : BlockHealth.Kind.values()) {
            byKind.put(k, 0L);
        }
    }

    void directory() {
        directories++;
    }

    void file(long length) {
        files++;
        bytes += length;
    }

    void block(BlockHealth health) {
        blocks++;
        byKind.merge(health.kind(), 1L, Long::sum);
    }

    public boolean healthy() {
        return count(BlockHealth.Kind.MISSING) == 0 && count(BlockHealth.Kind.CORRUPT) == 0;
    }

    public long count(BlockHealth.Kind kind) {
        return byKind.get(kind);
    }

    public long files() {
        return files;
    }

    public long blocks() {
        return blocks;
    }

    /** As HDFS fsck ends: the figures, then the verdict line. */
    public List<String> lines() {
        String status = healthy() ? "HEALTHY" : "CORRUPT";
        return List.of(
                "Status: " + status,
                " Total size:              " + bytes + " B",
                " Total dirs:              " + directories,
                " Total files:             " + files,
                " Total blocks:            " + blocks,
                " Healthy blocks:          " + count(BlockHealth.Kind.HEALTHY),
                " Under-replicated blocks: " + count(BlockHealth.Kind.UNDER_REPLICATED),
                " Missing blocks:          " + count(BlockHealth.Kind.MISSING),
                " Corrupt blocks:          " + count(BlockHealth.Kind.CORRUPT),
                "",
                "The filesystem under path '" + path + "' is " + status);
    }
}
