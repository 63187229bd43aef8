package io.hydrafs.blockstore.meta;

/**
 * Keeps deposed leaders harmless: remembers the highest Raft term any meta node has answered
 * with, and accepts an order only if it carries at least that term. A leader that lost an
 * election it did not hear about still has the old term, so its orders are dropped as soon as
 * any node of the new term has answered this blockstore.
 */
public final class OrderTermFilter {
    private long highestTerm;

    /** Records a term seen in any heartbeat answer. */
    synchronized void observe(long term) {
        highestTerm = Math.max(highestTerm, term);
    }

    /** Whether an order of {@code term} may be executed (and records the term). */
    synchronized boolean accept(long term) {
        if (term < highestTerm) {
            return false;
        }
        highestTerm = term;
        return true;
    }

    synchronized long highestTerm() {
        return highestTerm;
    }
}
