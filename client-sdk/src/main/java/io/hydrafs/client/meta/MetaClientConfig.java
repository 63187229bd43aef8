package io.hydrafs.client.meta;

import java.util.List;

/**
 * What a {@link MetaClient} needs to know, already validated. Built by {@code ClientOptions}
 * from the {@code hydra.*} configuration; tests build it directly.
 *
 * @param addresses         client RPC endpoints (host:port) of every meta node, in the order
 *                          failover tries them
 * @param user              the caller's user name, sent with every call ("simple" authentication)
 * @param groups            the caller's groups, sent with every call
 * @param rpcTimeoutMs      longest wait for one attempt's answer before trying elsewhere
 * @param failoverTimeoutMs longest time one logical call may spend retrying before NO_LEADER
 * @param followerReads     whether reads may be answered by a follower that is at least as
 *                          fresh as everything this client has seen
 * @param backoff           wait between failover attempts that have no leader hint to follow
 */
public record MetaClientConfig(List<String> addresses, String user, List<String> groups, long rpcTimeoutMs,
                               long failoverTimeoutMs, boolean followerReads, Backoff backoff) {
    public MetaClientConfig {
        addresses = List.copyOf(addresses);
        groups = List.copyOf(groups);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("at least one meta node address (host:port) is required");
        }
        for (String address : addresses) {
            checkHostPort(address);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("a user name is required");
        }
        if (rpcTimeoutMs < 1 || failoverTimeoutMs < 1) {
            throw new IllegalArgumentException("timeouts must be positive: rpc " + rpcTimeoutMs
                    + " ms, failover " + failoverTimeoutMs + " ms");
        }
        if (backoff == null) {
            throw new IllegalArgumentException("a backoff is required");
        }
    }

    /** Checks that {@code address} looks like host:port with a port in 1..65535. */
    public static String checkHostPort(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("meta node address '" + address + "' is not host:port");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("meta node address '" + address + "' has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("meta node address '" + address + "' has port out of 1..65535");
        }
        return address;
    }
}
