package io.hydrafs.protocol.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import jdk.net.ExtendedSocketOptions;

/**
 * TCP keepalive on every HydraFS connection, both ends. A peer whose host vanished (power loss,
 * a partition: no FIN or RST ever arrives) is noticed after about
 * {@code IDLE_SECONDS + PROBES * INTERVAL_SECONDS} (a minute) instead of the OS default of over
 * two hours, so its connection, and the replica files or calls held for it, are released. A peer
 * that is alive but quiet (an idle writer, a client between calls) answers the probes from its
 * kernel and keeps its connection.
 */
public final class TcpKeepAlive {
    public static final int IDLE_SECONDS = 30;
    public static final int INTERVAL_SECONDS = 10;
    public static final int PROBES = 3;

    private TcpKeepAlive() {
    }

    /** Keepalive on the connection {@code bootstrap} makes. */
    public static Bootstrap on(Bootstrap bootstrap) {
        return bootstrap.option(ChannelOption.SO_KEEPALIVE, true)
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), IDLE_SECONDS)
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), INTERVAL_SECONDS)
                .option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), PROBES);
    }

    /** Keepalive on every connection {@code bootstrap} accepts. */
    public static ServerBootstrap onAccepted(ServerBootstrap bootstrap) {
        return bootstrap.childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), IDLE_SECONDS)
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), INTERVAL_SECONDS)
                .childOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), PROBES);
    }
}
