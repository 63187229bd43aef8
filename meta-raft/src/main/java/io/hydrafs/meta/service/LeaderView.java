package io.hydrafs.meta.service;

/** What the service layer needs to know about this node's Raft role. */
public interface LeaderView {
    boolean isLeader();

    /** host:port of the leader's client RPC endpoint, or "" when no leader is known. */
    String leaderRpcAddress();

    /** Highest log index applied to this node's store. */
    long appliedIndex();
}
