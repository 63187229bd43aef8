package io.hydrafs.protocol.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpKeepAliveTest {

    private static void assertKeepAlive(ChannelConfig config) {
        assertTrue(config.getOption(ChannelOption.SO_KEEPALIVE));
        assertEquals(TcpKeepAlive.IDLE_SECONDS, config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE)));
        assertEquals(TcpKeepAlive.INTERVAL_SECONDS,
                config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL)));
        assertEquals(TcpKeepAlive.PROBES, config.getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT)));
    }

    @Test
    void bothEndsOfAConnectionProbeASilentPeer() throws Exception {
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        try (RpcEventLoops loops = new RpcEventLoops("keepalive-test", 1);
             TcpListener listener = TcpListener.start("keepalive test", "127.0.0.1", 0, loops, accepted::complete)) {
            Channel client = TcpKeepAlive.on(new Bootstrap())
                    .group(loops.group())
                    .channel(NioSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .connect("127.0.0.1", listener.port())
                    .syncUninterruptibly().channel();
            try {
                assertKeepAlive(client.config());
                assertKeepAlive(accepted.get(10, TimeUnit.SECONDS).config());
            } finally {
                client.close().syncUninterruptibly();
            }
        }
    }
}
