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

    public static final List<ConfigKey<?>> ALL = List.of(META_ADDRESSES, USER, GROUPS, RPC_TIMEOUT_MS,
            FAILOVER_TIMEOUT_MS, FAILOVER_BACKOFF_BASE_MS, FAILOVER_BACKOFF_MAX_MS, FOLLOWER_READS,
            LEASE_RENEW_INTERVAL_MS);
}
