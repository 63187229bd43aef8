package io.hydrafs.ops.admin;

import io.hydrafs.protocol.meta.LocatedBlockProto;

/**
 * How one block of a file stands, as fsck judges it from the locations the leader gives a
 * reader: the live replicas with the recorded generation stamp (or newer). Pure.
 *
 * <ul>
 *   <li>MISSING: no live replica at all (the bytes cannot be read now).</li>
 *   <li>CORRUPT: replicas exist but every one is reported corrupt.</li>
 *   <li>UNDER_REPLICATED: fewer live replicas than the file's replication (readable; the
 *       leader is copying it).</li>
 *   <li>HEALTHY: otherwise.</li>
 * </ul>
 * As HDFS fsck, a tree is HEALTHY unless some block is MISSING or CORRUPT.
 *
 * @param replicas how many live replicas the leader knows
 * @param expected the file's replication
 */
public record BlockHealth(Kind kind, int replicas, int expected) {
    public enum Kind { HEALTHY, UNDER_REPLICATED, MISSING, CORRUPT }

    public static BlockHealth classify(LocatedBlockProto block, int replication) {
        int replicas = block.getTargetsCount();
        Kind kind;
        if (replicas == 0) {
            kind = Kind.MISSING;
        } else if (block.getCorrupt()) {
            kind = Kind.CORRUPT;
        } else if (replicas < replication) {
            kind = Kind.UNDER_REPLICATED;
        } else {
            kind = Kind.HEALTHY;
        }
        return new BlockHealth(kind, replicas, replication);
    }

    /** Whether the block makes its tree CORRUPT. */
    public boolean isLost() {
        return kind == Kind.MISSING || kind == Kind.CORRUPT;
    }

    /** HEALTHY, UNDER_REPLICATED 2/3, MISSING, CORRUPT. */
    public String label() {
        return kind == Kind.UNDER_REPLICATED ? kind + " " + replicas + "/" + expected : kind.name();
    }
}
