package io.hydrafs.protocol.net;

import io.hydrafs.protocol.config.HydraConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RpcOptionsTest {
    @Test
    void defaultsAreSixtyFourMebibyteFramesAndThirtySecondCalls() {
        assertEquals(64 << 20, RpcServerOptions.defaults().maxFrameBytes());
        assertEquals(64 << 20, RpcClientOptions.defaults().maxFrameBytes());
        assertEquals(30_000, RpcClientOptions.defaults().callTimeoutMs());
        assertNull(RpcServerOptions.defaults().metrics());
        assertNull(RpcServerOptions.defaults().appliedIndex());
    }

    @Test
    void optionsAreReadFromConfiguration() {
        HydraConfig config = HydraConfig.empty()
                .with(RpcConfigKeys.MAX_FRAME_BYTES, 4096)
                .with(RpcConfigKeys.CALL_TIMEOUT_MS, 1500L)
                .with(RpcConfigKeys.CONNECT_TIMEOUT_MS, 700);

        RpcClientOptions client = RpcClientOptions.fromConfig(config);

        assertEquals(4096, RpcServerOptions.fromConfig(config).maxFrameBytes());
        assertEquals(4096, client.maxFrameBytes());
        assertEquals(1500, client.callTimeoutMs());
        assertEquals(700, client.connectTimeoutMs());
    }

    @Test
    void frameLimitOutsideItsBoundsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RpcServerOptions.defaults().withMaxFrameBytes(10));
        assertThrows(IllegalArgumentException.class, () -> RpcClientOptions.defaults().withMaxFrameBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> RpcClientOptions.fromConfig(
                HydraConfig.empty().with(RpcConfigKeys.MAX_FRAME_BYTES.name(), "2147483647")));
    }

    @Test
    void nonPositiveCallTimeoutIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RpcClientOptions.defaults().withCallTimeoutMs(0));
    }
}
