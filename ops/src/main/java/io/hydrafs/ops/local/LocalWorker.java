package io.hydrafs.ops.local;

/**
 * One compute worker of a local cluster: its id (w1, w2, ...), its shuffle port, and the
 * blockstore it counts as on its own machine ({@code hydra.compute.worker.colocated.blockstores}),
 * so that on one machine each worker has its own data-local splits as it would on its own host.
 *
 * @param colocatedBlockstore a blockstore id, or "" when the cluster has no blockstore
 */
public record LocalWorker(String id, String host, int shufflePort, String colocatedBlockstore) {
    public LocalWorker {
        if (id == null || id.isBlank() || id.contains("=") || id.contains(",") || id.contains("@")) {
            throw new IllegalArgumentException("worker id '" + id + "' is empty or holds '=', ',' or '@'");
        }
        if (shufflePort < 1 || shufflePort > 65535) {
            throw new IllegalArgumentException("shuffle port " + shufflePort + " of worker " + id + " is not a port");
        }
    }

    public String shuffleAddress() {
        return host + ":" + shufflePort;
    }

    /** Parses "id=host:port@blockstore", the form {@link #toString()} writes. */
    public static LocalWorker parse(String spec) {
        String s = spec.trim();
        int at = s.indexOf('@');
        String colocated = at < 0 ? "" : s.substring(at + 1);
        String address = at < 0 ? s : s.substring(0, at);
        int eq = address.indexOf('=');
        int colon = address.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2) {
            throw new IllegalArgumentException("worker '" + spec + "' is not of the form id=host:port@blockstore");
        }
        try {
            return new LocalWorker(address.substring(0, eq), address.substring(eq + 1, colon),
                    Integer.parseInt(address.substring(colon + 1)), colocated);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("worker '" + spec + "' has a shuffle port that is not a number");
        }
    }

    @Override
    public String toString() {
        return id + "=" + shuffleAddress() + "@" + colocatedBlockstore;
    }
}
