package io.hydrafs.client;

import io.hydrafs.protocol.config.ClusterConfigKeys;
import io.hydrafs.protocol.config.ConfigKey;

import java.util.List;

/** Configuration keys read by the client SDK ({@link ClientOptions} reads them all). */
public final class ClientConfigKeys {
    private ClientConfigKeys() {
    }

    private static final long HOUR_MS = 3_600_000L;

    public static final ConfigKey<String> META_ADDRESSES = ClusterConfigKeys.META_ADDRESSES;

    public static final ConfigKey<String> USER = ConfigKey.string("hydra.client.user",
            System.getProperty("user.name", "hydra"),
            "The user every call is made as (\"simple\" authentication: the client states it). "
                    + "Default: the JVM's user.name.");

    public static final ConfigKey<String> GROUPS = ConfigKey.string("hydra.client.groups", "",
            "The caller's groups, comma-separated, used by the meta service's permission checks. "
                    + "Default: none.");

    public static final ConfigKey<Long> RPC_TIMEOUT_MS = ConfigKey.longKey("hydra.client.rpc.timeout.ms",
            10_000L, 1L, HOUR_MS,
            "Longest wait for one meta node's answer to one attempt; after it the call is tried on "
                    + "the next node (with the same call id, so it is not applied twice).");

    public static final ConfigKey<Long> FAILOVER_TIMEOUT_MS = ConfigKey.longKey(
            "hydra.client.failover.timeout.ms", 30_000L, 1L, 24 * HOUR_MS,
            "Longest time one meta call keeps retrying across meta nodes before it fails with "
                    + "NO_LEADER. Covers a leader election with room to spare.");

    public static final ConfigKey<Long> FAILOVER_BACKOFF_BASE_MS = ConfigKey.longKey(
            "hydra.client.failover.backoff.base.ms", 20L, 1L, 60_000L,
            "First wait before retrying on another meta node when there is no leader hint; "
                    + "doubles on each retry (with jitter) up to hydra.client.failover.backoff.max.ms.");

    public static final ConfigKey<Long> FAILOVER_BACKOFF_MAX_MS = ConfigKey.longKey(
            "hydra.client.failover.backoff.max.ms", 1_000L, 1L, HOUR_MS,
            "Longest wait between two failover attempts.");

    public static final ConfigKey<Boolean> FOLLOWER_READS = ConfigKey.bool("hydra.client.follower.reads", false,
            "Whether reads (getFileStatus, listStatus, getContentSummary, getBlockLocations) may be "
                    + "answered by a follower. A follower answers only once it has applied everything "
                    + "this client has seen, so a client still reads its own writes; other clients' "
                    + "latest writes may not be visible yet. Default: linearizable reads from the leader.");

    public static final ConfigKey<Long> LEASE_RENEW_INTERVAL_MS = ConfigKey.longKey(
            "hydra.client.lease.renew.interval.ms", 20_000L, 1L, HOUR_MS,
            "How often a client with files open for writing renews its lease. Must stay well under "
                    + "the meta service's lease soft limit.");

    public static final ConfigKey<String> CLIENT_NODE = ConfigKey.string("hydra.client.node", "",
            "The id of the blockstore running on this client's host, if any: sent as client_node so "
                    + "that new blocks get their first replica here and reads prefer the local replica. "
                    + "Default: none.");

    public static final ConfigKey<Integer> WRITE_WINDOW_PACKETS = ConfigKey.integer(
            "hydra.client.write.window.packets", 20, 1, 10_000,
            "Packets (256 KiB each) a writer may have sent but not yet seen acknowledged by the whole "
                    + "pipeline; a writer with a full window blocks until acks come back.");

    public static final ConfigKey<Integer> READ_BUFFER_PACKETS = ConfigKey.integer(
            "hydra.client.read.buffer.packets", 16, 1, 10_000,
            "Packets a reader buffers ahead of the application on an open block connection; the "
                    + "connection stops reading from the socket when they are full.");

    public static final ConfigKey<Integer> READ_PREFETCH_BLOCKS = ConfigKey.integer(
            "hydra.client.read.prefetch.blocks", 10, 1, 100_000,
            "Blocks whose locations one getBlockLocations call fetches ahead of the read position.");

    public static final ConfigKey<Long> DATA_CONNECT_TIMEOUT_MS = ConfigKey.longKey(
            "hydra.client.data.connect.timeout.ms", 10_000L, 1L, HOUR_MS,
            "Longest wait for a TCP connection to a blockstore's data port.");

    public static final ConfigKey<Long> DATA_ACK_TIMEOUT_MS = ConfigKey.longKey(
            "hydra.client.data.ack.timeout.ms", 60_000L, 1L, HOUR_MS,
            "Longest a writer waits for the pipeline's setup answer or for the next ack while packets "
                    + "are outstanding (after it the first node is treated as failed), and longest a "
                    + "reader waits for the next packet of a replica (after it the next replica is tried).");

    public static final ConfigKey<Integer> COMPLETE_ATTEMPTS = ConfigKey.integer(
            "hydra.client.complete.attempts", 8, 1, 100,
            "Attempts at completing a file on close while the meta service answers that its last "
                    + "block is not yet reported by a blockstore; waits 100 ms doubling between them, "
                    + "then close fails with TIMEOUT.");

    public static final List<ConfigKey<?>> ALL = List.of(META_ADDRESSES, USER, GROUPS, RPC_TIMEOUT_MS,
            FAILOVER_TIMEOUT_MS, FAILOVER_BACKOFF_BASE_MS, FAILOVER_BACKOFF_MAX_MS, FOLLOWER_READS,
            LEASE_RENEW_INTERVAL_MS, CLIENT_NODE, WRITE_WINDOW_PACKETS, READ_BUFFER_PACKETS, READ_PREFETCH_BLOCKS,
            DATA_CONNECT_TIMEOUT_MS, DATA_ACK_TIMEOUT_MS, COMPLETE_ATTEMPTS);
}
