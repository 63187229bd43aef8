package io.hydrafs.protocol.config;

/** Keys every kind of process reads (clients, blockstores, workers). */
public final class ClusterConfigKeys {
    private ClusterConfigKeys() {
    }

    public static final ConfigKey<String> META_ADDRESSES = ConfigKey.string("hydra.meta.addresses", "",
            "Client RPC endpoints of every meta node, comma-separated host:port (e.g. "
                    + "meta1:7100,meta2:7100,meta3:7100). Required. Failover tries them in this order.");
}
