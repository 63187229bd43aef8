package io.hydrafs.client;

import io.hydrafs.client.data.DataOptions;
import io.hydrafs.client.meta.Backoff;
import io.hydrafs.client.meta.MetaClientConfig;
import io.hydrafs.client.net.ChannelFactory;
import io.hydrafs.protocol.config.ConfigKey;
import io.hydrafs.protocol.config.HydraConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.hydrafs.client.net.SharedEventLoops;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.NettyRpcClient;
import io.hydrafs.protocol.net.RpcClientOptions;

/**
 * Everything {@link HydraFileSystem#connect} needs, validated when built: the
 * {@link ClientConfigKeys} values (from a {@link HydraConfig}, overridden by the builder's
 * setters) and the transport that opens connections to meta nodes.
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder()
 *         .config(HydraConfig.load(Path.of("hydra.properties")))
 *         .metaAddresses("meta1:7100", "meta2:7100", "meta3:7100")
 *         .build();
 * }</pre>
 */
public final class ClientOptions {
    private final HydraConfig config;
    private final ChannelFactory channelFactory;
    private final MetaClientConfig metaClientConfig;
    private final long leaseRenewIntervalMs;
    private final DataOptions dataOptions;

    private ClientOptions(HydraConfig config, ChannelFactory channelFactory) {
        config.validate(ClientConfigKeys.ALL);
        this.config = config;
        this.channelFactory = channelFactory;
        this.metaClientConfig = new MetaClientConfig(
                splitList(config.get(ClientConfigKeys.META_ADDRESSES)),
                config.get(ClientConfigKeys.USER),
                splitList(config.get(ClientConfigKeys.GROUPS)),
                config.get(ClientConfigKeys.RPC_TIMEOUT_MS),
                config.get(ClientConfigKeys.FAILOVER_TIMEOUT_MS),
                config.get(ClientConfigKeys.FOLLOWER_READS),
                new Backoff(config.get(ClientConfigKeys.FAILOVER_BACKOFF_BASE_MS),
                        config.get(ClientConfigKeys.FAILOVER_BACKOFF_MAX_MS)));
        this.leaseRenewIntervalMs = config.get(ClientConfigKeys.LEASE_RENEW_INTERVAL_MS);
        this.dataOptions = new DataOptions(config.get(ClientConfigKeys.CLIENT_NODE).trim(),
                config.get(ClientConfigKeys.WRITE_WINDOW_PACKETS),
                config.get(ClientConfigKeys.READ_BUFFER_PACKETS),
                config.get(ClientConfigKeys.READ_PREFETCH_BLOCKS),
                config.get(ClientConfigKeys.DATA_CONNECT_TIMEOUT_MS),
                config.get(ClientConfigKeys.DATA_ACK_TIMEOUT_MS),
                config.get(ClientConfigKeys.COMPLETE_ATTEMPTS));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The merged configuration (base config plus the builder's settings). */
    public HydraConfig config() {
        return config;
    }

    public ChannelFactory channelFactory() {
        return channelFactory;
    }

    public MetaClientConfig metaClientConfig() {
        return metaClientConfig;
    }

    public List<String> metaAddresses() {
        return metaClientConfig.addresses();
    }

    public String user() {
        return metaClientConfig.user();
    }

    public List<String> groups() {
        return metaClientConfig.groups();
    }

    public long leaseRenewIntervalMs() {
        return leaseRenewIntervalMs;
    }

    /** The data path settings: client node, write window, read buffer, data timeouts, complete attempts. */
    public DataOptions dataOptions() {
        return dataOptions;
    }

    /** This host's blockstore id ("" = none), sent as client_node. */
    public String clientNode() {
        return dataOptions.clientNode();
    }

    /**
     * The transport used when the builder is given none: Netty connections whose per-call
     * timeout is the client's RPC timeout, sharing the SDK's I/O threads.
     */
    static Optional<ChannelFactory> defaultChannelFactory(HydraConfig config) {
        RpcClientOptions options = RpcClientOptions.fromConfig(config)
                .withCallTimeoutMs(config.get(ClientConfigKeys.RPC_TIMEOUT_MS))
                .withEventLoops(SharedEventLoops.get());
        return Optional.of(address -> {
            int colon = address.lastIndexOf(':');
            if (colon <= 0) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "meta address '" + address + "' is not host:port");
            }
            try {
                return new NettyRpcClient(address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), options);
            } catch (NumberFormatException e) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "meta address '" + address + "' has a bad port");
            }
        });
    }

    private static List<String> splitList(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Settings applied on top of a base {@link HydraConfig}, whatever the order of the calls. */
    public static final class Builder {
        private HydraConfig base = HydraConfig.empty();
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private ChannelFactory channelFactory;

        private Builder() {
        }

        /** The base configuration, e.g. loaded from hydra.properties. */
        public Builder config(HydraConfig config) {
            this.base = config;
            return this;
        }

        public <T> Builder set(ConfigKey<T> key, T value) {
            overrides.put(key.name(), String.valueOf(value));
            return this;
        }

        public Builder metaAddresses(String... hostPorts) {
            return metaAddresses(List.of(hostPorts));
        }

        public Builder metaAddresses(List<String> hostPorts) {
            return set(ClientConfigKeys.META_ADDRESSES, String.join(",", hostPorts));
        }

        public Builder user(String user) {
            return set(ClientConfigKeys.USER, user);
        }

        public Builder groups(List<String> groups) {
            return set(ClientConfigKeys.GROUPS, String.join(",", groups));
        }

        public Builder rpcTimeoutMs(long ms) {
            return set(ClientConfigKeys.RPC_TIMEOUT_MS, ms);
        }

        public Builder failoverTimeoutMs(long ms) {
            return set(ClientConfigKeys.FAILOVER_TIMEOUT_MS, ms);
        }

        public Builder failoverBackoffMs(long baseMs, long maxMs) {
            set(ClientConfigKeys.FAILOVER_BACKOFF_BASE_MS, baseMs);
            return set(ClientConfigKeys.FAILOVER_BACKOFF_MAX_MS, maxMs);
        }

        public Builder followerReads(boolean enabled) {
            return set(ClientConfigKeys.FOLLOWER_READS, enabled);
        }

        public Builder leaseRenewIntervalMs(long ms) {
            return set(ClientConfigKeys.LEASE_RENEW_INTERVAL_MS, ms);
        }

        /** The id of the blockstore on this host, if the client runs on one. */
        public Builder clientNode(String blockstoreId) {
            return set(ClientConfigKeys.CLIENT_NODE, blockstoreId);
        }

        public Builder writeWindowPackets(int packets) {
            return set(ClientConfigKeys.WRITE_WINDOW_PACKETS, packets);
        }

        public Builder readBufferPackets(int packets) {
            return set(ClientConfigKeys.READ_BUFFER_PACKETS, packets);
        }

        public Builder readPrefetchBlocks(int blocks) {
            return set(ClientConfigKeys.READ_PREFETCH_BLOCKS, blocks);
        }

        public Builder dataConnectTimeoutMs(long ms) {
            return set(ClientConfigKeys.DATA_CONNECT_TIMEOUT_MS, ms);
        }

        public Builder dataAckTimeoutMs(long ms) {
            return set(ClientConfigKeys.DATA_ACK_TIMEOUT_MS, ms);
        }

        public Builder completeAttempts(int attempts) {
            return set(ClientConfigKeys.COMPLETE_ATTEMPTS, attempts);
        }

        /**
         * How connections to meta nodes are opened. Required for now: the default Netty
         * transport is not wired yet (see {@code defaultChannelFactory}).
         */
        public Builder channelFactory(ChannelFactory channelFactory) {
            this.channelFactory = channelFactory;
            return this;
        }

        /** @throws IllegalArgumentException naming the key, if a setting is missing or invalid */
        public ClientOptions build() {
            HydraConfig merged = base;
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                merged = merged.with(e.getKey(), e.getValue());
            }
            if (merged.get(ClientConfigKeys.META_ADDRESSES).isBlank()) {
                throw new IllegalArgumentException(ClientConfigKeys.META_ADDRESSES.name()
                        + " is required: the meta nodes' client endpoints, comma-separated host:port");
            }
            ChannelFactory factory = channelFactory != null ? channelFactory
                    : defaultChannelFactory(merged).orElseThrow(() -> new IllegalArgumentException(
                    "no channel factory: pass ClientOptions.Builder.channelFactory(...) until the "
                            + "Netty transport is wired as the default"));
            return new ClientOptions(merged, factory);
        }
    }
}
