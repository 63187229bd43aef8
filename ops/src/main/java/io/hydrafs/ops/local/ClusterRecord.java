package io.hydrafs.ops.local;

import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What {@code cluster.properties} says about a local cluster, so that separate CLI invocations
 * ({@code hydra cluster status|stop}, {@code hydra bench --dir}) find a cluster another one
 * started: the meta peers (ids and ports never change for the life of the cluster directory)
 * and the pid of each node while it runs. A node without a pid entry is stopped.
 *
 * <p>The file is rewritten whole, through a temporary file and a rename, so a reader never
 * sees half of it.
 */
public record ClusterRecord(List<MetaPeer> peers, Map<String, NodePid> pids) {
    static final String PEERS = "meta.peers";
    static final String ADDRESSES = "meta.addresses";

    public ClusterRecord {
        peers = List.copyOf(peers);
        pids = Map.copyOf(pids);
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("a cluster has at least one meta peer");
        }
        for (String id : pids.keySet()) {
            if (peers.stream().noneMatch(p -> p.id().equals(id))) {
                throw new IllegalArgumentException("pid recorded for " + id + ", which is not a peer");
            }
        }
    }

    public static ClusterRecord stopped(List<MetaPeer> peers) {
        return new ClusterRecord(peers, Map.of());
    }

    public ClusterRecord withPid(String nodeId, NodePid pid) {
        Map<String, NodePid> m = new LinkedHashMap<>(pids);
        m.put(nodeId, pid);
        return new ClusterRecord(peers, m);
    }

    public ClusterRecord withoutPid(String nodeId) {
        Map<String, NodePid> m = new LinkedHashMap<>(pids);
        m.remove(nodeId);
        return new ClusterRecord(peers, m);
    }

    public Optional<NodePid> pid(String nodeId) {
        return Optional.ofNullable(pids.get(nodeId));
    }

    /** The client endpoints of every node, in peer order, as host:port. */
    public List<String> metaAddresses() {
        return peers.stream().map(MetaPeer::rpcAddress).toList();
    }

    /** The record of the cluster in {@code layout}, or empty if it holds none. */
    public static Optional<ClusterRecord> load(ClusterLayout layout) throws HydraException {
        Path file = layout.clusterProperties();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return Optional.of(fromProperties(p));
        } catch (IllegalArgumentException e) {
            throw new HydraException(ErrorCode.IO_ERROR, file + " is damaged (" + e.getMessage()
                    + "); remove the cluster directory " + layout.dir() + " and start a new cluster", e);
        }
    }

    public void save(ClusterLayout layout) throws HydraException {
        Path file = layout.clusterProperties();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, format(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static ClusterRecord fromProperties(Properties p) {
        String spec = p.getProperty(PEERS, "").trim();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException(PEERS + " is missing");
        }
        List<MetaPeer> peers = new ArrayList<>();
        for (String s : spec.split(",")) {
            peers.add(MetaPeer.parse(s));
        }
        Map<String, NodePid> pids = new LinkedHashMap<>();
        for (MetaPeer peer : peers) {
            String pid = p.getProperty(pidKey(peer.id()));
            if (pid == null) {
                continue;
            }
            String started = p.getProperty(startedKey(peer.id()));
            try {
                pids.put(peer.id(), new NodePid(Long.parseLong(pid.trim()),
                        started == null ? null : Instant.parse(started.trim())));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("the pid entries of " + peer.id() + " are not a pid and an instant");
            }
        }
        return new ClusterRecord(peers, pids);
    }

    /** The file's text: properties in a fixed order, with a header saying who reads it. */
    String format() {
        StringBuilder out = new StringBuilder()
                .append("# A HydraFS local cluster: written by 'hydra cluster start' and 'hydra quickstart',\n")
                .append("# read by 'hydra cluster status|stop' and 'hydra bench --dir'. Do not edit while it runs.\n");
        line(out, PEERS, peers.stream().map(MetaPeer::toString).collect(Collectors.joining(",")));
        line(out, ADDRESSES, String.join(",", metaAddresses()));
        for (MetaPeer peer : peers) {
            NodePid pid = pids.get(peer.id());
            if (pid != null) {
                line(out, pidKey(peer.id()), Long.toString(pid.pid()));
                if (pid.startedAt() != null) {
                    line(out, startedKey(peer.id()), pid.startedAt().toString());
                }
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
    }

    private static String pidKey(String nodeId) {
        return "node." + nodeId + ".pid";
    }

    private static String startedKey(String nodeId) {
        return "node." + nodeId + ".started";
    }
}
