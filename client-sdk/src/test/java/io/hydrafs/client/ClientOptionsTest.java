package io.hydrafs.client;

import io.hydrafs.client.fake.FakeMetaCluster;
import io.hydrafs.protocol.config.HydraConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientOptionsTest {
    private final FakeMetaCluster cluster = new FakeMetaCluster();

    private ClientOptions.Builder withAddresses() {
        return ClientOptions.builder().metaAddresses("m1:7100", "m2:7100").channelFactory(cluster);
    }

    @Test
    void defaultsFollowTheDocumentedValues() {
        ClientOptions options = withAddresses().build();

        assertEquals(List.of("m1:7100", "m2:7100"), options.metaAddresses());
        assertEquals(System.getProperty("user.name"), options.user());
        assertTrue(options.groups().isEmpty());
        assertEquals(30_000, options.metaClientConfig().failoverTimeoutMs());
        assertEquals(10_000, options.metaClientConfig().rpcTimeoutMs());
        assertFalse(options.metaClientConfig().followerReads());
        assertEquals(20, options.metaClientConfig().backoff().baseMs());
        assertEquals(1_000, options.metaClientConfig().backoff().maxMs());
        assertEquals(20_000, options.leaseRenewIntervalMs());
    }

    @Test
    void readsTheConfigAndLetsSettersOverrideItWhateverTheOrder() {
        HydraConfig config = HydraConfig.of(Map.of(
                "hydra.meta.addresses", " a:1 , b:2,c:3 ",
                "hydra.client.user", "carol",
                "hydra.client.groups", "eng, ops",
                "hydra.client.follower.reads", "true",
                "hydra.client.failover.timeout.ms", "5000"));

        ClientOptions options = ClientOptions.builder().failoverTimeoutMs(7_000).config(config)
                .channelFactory(cluster).build();

        assertEquals(List.of("a:1", "b:2", "c:3"), options.metaAddresses());
        assertEquals("carol", options.user());
        assertEquals(List.of("eng", "ops"), options.groups());
        assertTrue(options.metaClientConfig().followerReads());
        assertEquals(7_000, options.metaClientConfig().failoverTimeoutMs());
    }

    @Test
    void missingMetaAddressesFailNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.builder().channelFactory(cluster).build());

        assertTrue(e.getMessage().contains("hydra.meta.addresses"), e.getMessage());
    }

    @Test
    void anAddressWithoutAValidPortIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> withAddresses().metaAddresses("m1").build());
        assertThrows(IllegalArgumentException.class, () -> withAddresses().metaAddresses("m1:0").build());
        assertThrows(IllegalArgumentException.class, () -> withAddresses().metaAddresses("m1:http").build());
    }

    @Test
    void anInvalidValueFailsNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> withAddresses().config(HydraConfig.of(Map.of("hydra.client.rpc.timeout.ms", "soon"))).build());

        assertTrue(e.getMessage().contains("hydra.client.rpc.timeout.ms"), e.getMessage());
    }

    @Test
    void aBackoffBaseAboveItsMaximumIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> withAddresses().failoverBackoffMs(500, 100).build());
    }

    @Test
    void withoutAChannelFactoryTheNettyTransportIsUsed() throws Exception {
        ClientOptions options = ClientOptions.builder().metaAddresses("127.0.0.1:1").build();

        try (var channel = options.channelFactory().open("127.0.0.1:1")) {
            assertTrue(channel instanceof io.hydrafs.protocol.net.NettyRpcClient);
        }
    }

    @Test
    void theDefaultTransportRejectsAnAddressWithoutAPort() {
        ClientOptions options = ClientOptions.builder().metaAddresses("127.0.0.1:1").build();

        var e = assertThrows(io.hydrafs.protocol.error.HydraException.class,
                () -> options.channelFactory().open("no-port"));
        assertTrue(e.getMessage().contains("host:port"), e.getMessage());
    }
}
