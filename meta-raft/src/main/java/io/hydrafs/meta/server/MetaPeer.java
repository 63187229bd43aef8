package io.hydrafs.meta.server;

/** One member of the metadata group: its Raft endpoint and its client RPC endpoint. */
public record MetaPeer(String id, String host, int raftPort, int rpcPort) {
    public String raftAddress() {
        return host + ":" + raftPort;
    }

    public String rpcAddress() {
        return host + ":" + rpcPort;
    }

    /** Parses "id=host:raftPort:rpcPort". */
    public static MetaPeer parse(String spec) {
        String s = spec.trim();
        int eq = s.indexOf('=');
        String[] hp = eq < 0 ? new String[0] : s.substring(eq + 1).split(":");
        if (eq <= 0 || hp.length != 3) {
            throw new IllegalArgumentException("meta peer '" + spec + "' is not of the form id=host:raftPort:rpcPort");
        }
        try {
            return new MetaPeer(s.substring(0, eq), hp[0], Integer.parseInt(hp[1]), Integer.parseInt(hp[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("meta peer '" + spec + "' has a port that is not a number");
        }
    }

    @Override
    public String toString() {
        return id + "=" + host + ":" + raftPort + ":" + rpcPort;
    }
}
