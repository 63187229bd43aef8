package io.hydrafs.meta.admin;

import io.hydrafs.protocol.meta.MetaNodeReport;

import java.util.List;
import java.util.Optional;

/** What administration needs to know of this node's Raft group (implemented over Ratis by the meta node). */
public interface MetaGroupView {
    String nodeId();

    /** Leader and ready to serve (the leader's soft state is current). */
    boolean isLeader();

    /** host:port of the leader's client RPC endpoint, or "" when no leader is known. */
    String leaderRpcAddress();

    long currentTerm();

    /** Every member of the group as this node knows it, itself included, in configuration order. */
    List<MetaNodeReport> members();

    /** The client RPC address of a member, empty when no member has this id. */
    Optional<String> rpcAddressOf(String nodeId);
}
