package io.hydrafs.compute.input;

import io.hydrafs.protocol.error.Invariants;

import java.util.List;

/**
 * The bytes {@code [start, start + length)} of one file, the unit of work of one map task.
 * Splits follow blocks, so {@code hosts} (the blockstore ids holding the block's replicas,
 * nearest first) say where reading it is local. Which records a split owns is the input
 * format's rule; the bytes only say where records start.
 */
public record InputSplit(String path, long start, long length, List<String> hosts) {

    public InputSplit {
        Invariants.check(path != null && start >= 0 && length >= 0, "bad split %s@%d+%d", path, start, length);
        hosts = List.copyOf(hosts);
    }

    public long end() {
        return start + length;
    }

    @Override
    public String toString() {
        return path + ":" + start + "+" + length;
    }
}
