package io.hydrafs.ops.local;

/**
 * One job coordinator process of a local cluster (c1, c2): its id and RPC address. Which of
 * them is active is not recorded: the one holding the lease in the meta service is.
 */
public record LocalCoordinator(String id, String host, int port) {
    public LocalCoordinator {
        if (id == null || id.isBlank() || id.contains("=") || id.contains(",")) {
            throw new IllegalArgumentException("coordinator id '" + id + "' is empty or holds '=' or ','");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of coordinator " + id + " is not a port");
        }
    }

    public String address() {
        return host + ":" + port;
    }

    /** Parses "id=host:port", the form {@link #toString()} writes. */
    static LocalCoordinator parse(String spec) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        int colon = s.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2) {
            throw new IllegalArgumentException("coordinator '" + spec + "' is not of the form id=host:port");
        }
        try {
            return new LocalCoordinator(s.substring(0, eq), s.substring(eq + 1, colon),
                    Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("coordinator '" + spec + "' has a port that is not a number");
        }
    }

    @Override
    public String toString() {
        return id + "=" + address();
    }
}
