package io.hydrafs.meta.coord;

/**
 * The two times a lease is judged by: {@code nowMs}, the batch time of the entry being applied
 * (or the leader's clock for a read), and {@code leaderSinceMs}, the batch time of the first
 * entry applied in the current Raft term. Both come from the replicated log, never from the
 * applying node's clock, so every replica judges a lease the same way at the same index.
 */
public record LeaseTime(long nowMs, long leaderSinceMs) {
}
