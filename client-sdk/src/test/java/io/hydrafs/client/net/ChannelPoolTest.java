package io.hydrafs.client.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcChannel;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.Test;

import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChannelPoolTest {
    /** A channel that does nothing but know whether it is open. */
    private static final class StubChannel implements RpcChannel {
        final String address;
        boolean active = true;

        StubChannel(String address) {
            this.address = address;
        }

        @Override
        public CompletableFuture<RpcResponse> call(RpcRequest request) {
            return new CompletableFuture<>();
        }

        @Override
        public String remoteAddress() {
            return address;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void close() {
            active = false;
        }
    }

    private final List<StubChannel> opened = new ArrayList<>();
    private final ChannelPool pool = new ChannelPool(address -> {
        StubChannel channel = new StubChannel(address);
        opened.add(channel);
        return channel;
    });

    @Test
    void oneChannelPerAddressIsShared() throws Exception {
        RpcChannel first = pool.get("a:1");

        assertSame(first, pool.get("a:1"));
        assertNotSame(first, pool.get("b:1"));
        assertEquals(2, opened.size());
    }

    @Test
    void aChannelThatBrokeIsReplacedAndClosed() throws Exception {
        StubChannel first = (StubChannel) pool.get("a:1");
        first.active = false;

        RpcChannel second = pool.get("a:1");

        assertNotSame(first, second);
        assertEquals(2, opened.size());
    }

    @Test
    void aDiscardedChannelIsClosedAndReplaced() throws Exception {
        StubChannel first = (StubChannel) pool.get("a:1");

        pool.discard("a:1", first);

        assertFalse(first.active);
        assertNotSame(first, pool.get("a:1"));
    }

    @Test
    void anUncheckedConnectFailureBecomesConnectionFailed() {
        ChannelPool failing = new ChannelPool(address -> {
            throw new UnresolvedAddressException();
        });

        HydraException e = assertThrows(HydraException.class, () -> failing.get("nowhere:1"));

        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
    }

    @Test
    void closeClosesEveryChannelAndRefusesNewOnes() throws Exception {
        pool.get("a:1");
        pool.get("b:1");

        pool.close();

        assertFalse(opened.get(0).active || opened.get(1).active);
        assertEquals(ErrorCode.IO_ERROR, assertThrows(HydraException.class, () -> pool.get("a:1")).code());
    }
}
