package io.hydrafs.ops.local;

/**
 * One blockstore of a local cluster as {@code cluster.properties} records it: its id (b1, b2,
 * ...) and its data port, both fixed for the life of the cluster directory so that a restart
 * finds the blockstore where clients and the meta nodes last saw it. Its data directory, log
 * and pid file follow from the id ({@link ClusterLayout}).
 */
public record LocalBlockstore(String id, String host, int dataPort) {
    public LocalBlockstore {
        if (id == null || id.isBlank() || id.contains("=") || id.contains(",")) {
            throw new IllegalArgumentException("blockstore id '" + id + "' is empty or holds '=' or ','");
        }
        if (dataPort < 1 || dataPort > 65535) {
            throw new IllegalArgumentException("data port " + dataPort + " of blockstore " + id + " is not a port");
        }
    }

    public String dataAddress() {
        return host + ":" + dataPort;
    }

    /** Parses "id=host:dataPort", the form {@link #toString()} writes. */
    public static LocalBlockstore parse(String spec) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        int colon = s.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2) {
            throw new IllegalArgumentException("blockstore '" + spec + "' is not of the form id=host:dataPort");
        }
        try {
            return new LocalBlockstore(s.substring(0, eq), s.substring(eq + 1, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("blockstore '" + spec + "' has a data port that is not a number");
        }
    }

    @Override
    public String toString() {
        return id + "=" + host + ":" + dataPort;
    }
}
