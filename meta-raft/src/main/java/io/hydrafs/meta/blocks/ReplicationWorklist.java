package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.error.Invariants;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which blocks the leader's next replication round checks. Checking a block costs a namespace
 * read (its file's replication and recorded stamp), so a round checks the blocks whose state may
 * have changed, not every block of the cluster:
 * <ul>
 *   <li>blocks marked since the last round: a replica reported, lost or marked corrupt, a holder
 *       that died, came back or started or stopped decommissioning, an ordered copy overdue;</li>
 *   <li>everything, on the first round of a leadership;</li>
 *   <li>the next {@code walkSlice} blocks of a walk over all blocks, which starts over when it
 *       reaches the end. It catches what no mark names: a file's replication changed, a file
 *       completed. With N blocks it passes every block each N / walkSlice rounds.</li>
 * </ul>
 * HDFS keeps a queue of blocks needing replication, fed by the same events; the walk is the
 * safety net that a missed event can cost no more than one pass.
 *
 * <p>Plain state, not thread-safe: {@link BlockManager} guards it.
 */
final class ReplicationWorklist {
    private final int walkSlice;
    private Set<Long> marked = new HashSet<>();
    private boolean everything;
    private long[] walk = new long[0];
    private int walkPosition;
    private long rounds;

    ReplicationWorklist(int walkSlice) {
        Invariants.check(walkSlice > 0, "walk slice must be positive: %d", walkSlice);
        this.walkSlice = walkSlice;
    }

    void mark(long blockId) {
        marked.add(blockId);
    }

    void markAll(Collection<Long> blockIds) {
        marked.addAll(blockIds);
    }

    /** The next round checks every block (a new leadership). */
    void markEverything() {
        everything = true;
    }

    /** Forgets every mark and the walk (leadership lost). */
    void clear() {
        marked = new HashSet<>();
        everything = false;
        walk = new long[0];
        walkPosition = 0;
    }

    /**
     * The blocks of a new round, given every block known now ({@code allBlocks} is asked only for
     * a full round or when the walk starts over). Each block is checked once per round.
     */
    Set<Long> take(Supplier<Collection<Long>> allBlocks) {
        rounds++;
        Set<Long> round = marked;
        marked = new HashSet<>();
        if (everything) {
            everything = false;
            round.addAll(allBlocks.get());
            walk = new long[0];
            walkPosition = 0;
            return round;
        }
        if (walkPosition >= walk.length) {
            walk = allBlocks.get().stream().mapToLong(Long::longValue).toArray();
            walkPosition = 0;
        }
        int end = Math.min(walk.length, walkPosition + walkSlice);
        for (int i = walkPosition; i < end; i++) {
            round.add(walk[i]);
        }
        walkPosition = end;
        return round;
    }

    /** A round that could not run: its blocks are checked by the next one. */
    void giveBack(Set<Long> round) {
        marked.addAll(round);
    }

    /** Rounds taken so far: a mark made before a round's {@code take} is in that round. */
    long rounds() {
        return rounds;
    }
}
