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
 * started: the meta peers and the blockstores (ids and ports never change for the life of the
 * cluster directory) and the pid of each node while it runs. A node without a pid entry is stopped.
 *
 * <p>Compatibility: files written before blockstores existed have no {@value #BLOCKSTORES} key
 * and read as a cluster without blockstores; older readers ignore the key and the blockstores'
 * pid entries. Ids are unique across meta nodes and blockstores (m1.., b1..), since each names
 * a directory of the cluster.
 *
 * <p>The file is rewritten whole, through a temporary file and a rename, so a reader never
 * sees half of it.
 *
 * <p>Compute nodes ({@value #COORDINATOR}, {@value #WORKERS}) exist only in clusters started
 * with workers; files without them read as a cluster without compute nodes.
 *
 * <p>Status HTTP ports ({@code node.<id>.http.port}) are fixed like the others so that monitoring
 * finds a node at the same address after a restart. Files written before they existed have none;
 * their nodes then start their HTTP servers on any free port, which the record does not know.
 */
public record ClusterRecord(List<MetaPeer> peers, List<LocalBlockstore> blockstores, Map<String, NodePid> pids,
                            Map<String, Integer> httpPorts, LocalCompute compute) {
    static final String PEERS = "meta.peers";
    static final String ADDRESSES = "meta.addresses";
    static final String BLOCKSTORES = "blockstores";
    static final String COORDINATOR = "compute.coordinator";
    static final String WORKERS = "compute.workers";

    public ClusterRecord {
        peers = List.copyOf(peers);
        blockstores = List.copyOf(blockstores);
        pids = Map.copyOf(pids);
        httpPorts = Map.copyOf(httpPorts);
        compute = compute == null ? LocalCompute.NONE : compute;
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("a cluster has at least one meta peer");
        }
        List<String> ids = nodeIds(peers, blockstores, compute);
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalArgumentException("node ids " + ids + " are not unique");
        }
        for (String id : pids.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("pid recorded for " + id + ", which is not a node of the cluster");
            }
        }
        for (Map.Entry<String, Integer> e : httpPorts.entrySet()) {
            if (!ids.contains(e.getKey())) {
                throw new IllegalArgumentException("HTTP port recorded for " + e.getKey() + ", which is not a node of the cluster");
            }
            if (e.getValue() < 1 || e.getValue() > 65535) {
                throw new IllegalArgumentException("HTTP port " + e.getValue() + " of " + e.getKey() + " is not a port");
            }
        }
    }

    /** A record without status HTTP ports (nodes then pick any free one). */
    public ClusterRecord(List<MetaPeer> peers, List<LocalBlockstore> blockstores, Map<String, NodePid> pids) {
        this(peers, blockstores, pids, Map.of());
    }

    /** A record without compute nodes. */
    public ClusterRecord(List<MetaPeer> peers, List<LocalBlockstore> blockstores, Map<String, NodePid> pids,
                         Map<String, Integer> httpPorts) {
        this(peers, blockstores, pids, httpPorts, LocalCompute.NONE);
    }

    public static ClusterRecord stopped(List<MetaPeer> peers, List<LocalBlockstore> blockstores) {
        return new ClusterRecord(peers, blockstores, Map.of());
    }

    public static ClusterRecord stopped(List<MetaPeer> peers, List<LocalBlockstore> blockstores,
                                        Map<String, Integer> httpPorts) {
        return new ClusterRecord(peers, blockstores, Map.of(), httpPorts);
    }

    /** The same cluster with no node running. */
    public ClusterRecord stopped() {
        return new ClusterRecord(peers, blockstores, Map.of(), httpPorts, compute);
    }

    /** The same cluster with {@code next} as its compute nodes (none may be running). */
    public ClusterRecord withCompute(LocalCompute next) {
        return new ClusterRecord(peers, blockstores, pids, httpPorts, next);
    }

    /** The recorded status HTTP port of a node; 0 when none is recorded (the node picks a free one). */
    public int httpPort(String nodeId) {
        return httpPorts.getOrDefault(nodeId, 0);
    }

    /** Every node id: meta nodes first, then blockstores, then the coordinator and workers. */
    public List<String> nodeIds() {
        return nodeIds(peers, blockstores, compute);
    }

    private static List<String> nodeIds(List<MetaPeer> peers, List<LocalBlockstore> blockstores, LocalCompute compute) {
        List<String> ids = new ArrayList<>();
        peers.forEach(p -> ids.add(p.id()));
        blockstores.forEach(b -> ids.add(b.id()));
        ids.addAll(compute.nodeIds());
        return ids;
    }

    public ClusterRecord withPid(String nodeId, NodePid pid) {
        Map<String, NodePid> m = new LinkedHashMap<>(pids);
        m.put(nodeId, pid);
        return new ClusterRecord(peers, blockstores, m, httpPorts, compute);
    }

    public ClusterRecord withoutPid(String nodeId) {
        Map<String, NodePid> m = new LinkedHashMap<>(pids);
        m.remove(nodeId);
        return new ClusterRecord(peers, blockstores, m, httpPorts, compute);
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
        List<LocalBlockstore> blockstores = new ArrayList<>();
        for (String s : p.getProperty(BLOCKSTORES, "").split(",")) {
            if (!s.isBlank()) {
                blockstores.add(LocalBlockstore.parse(s));
            }
        }
        LocalCompute compute = LocalCompute.NONE;
        String coordinator = p.getProperty(COORDINATOR, "").trim();
        if (!coordinator.isEmpty()) {
            List<LocalWorker> workers = new ArrayList<>();
            for (String s : p.getProperty(WORKERS, "").split(",")) {
                if (!s.isBlank()) {
                    workers.add(LocalWorker.parse(s));
                }
            }
            compute = LocalCompute.parse(coordinator, workers);
        }
        Map<String, NodePid> pids = new LinkedHashMap<>();
        Map<String, Integer> httpPorts = new LinkedHashMap<>();
        for (String id : nodeIds(peers, blockstores, compute)) {
            String http = p.getProperty(httpPortKey(id));
            if (http != null) {
                try {
                    httpPorts.put(id, Integer.parseInt(http.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the HTTP port of " + id + " is not a number");
                }
            }
            String pid = p.getProperty(pidKey(id));
            if (pid == null) {
                continue;
            }
            String started = p.getProperty(startedKey(id));
            try {
                pids.put(id, new NodePid(Long.parseLong(pid.trim()), started == null ? null : Instant.parse(started.trim())));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("the pid entries of " + id + " are not a pid and an instant");
            }
        }
        return new ClusterRecord(peers, blockstores, pids, httpPorts, compute);
    }

    /** The file's text: properties in a fixed order, with a header saying who reads it. */
    String format() {
        StringBuilder out = new StringBuilder()
                .append("# A HydraFS local cluster: written by 'hydra cluster start' and 'hydra quickstart',\n")
                .append("# read by 'hydra cluster status|stop' and 'hydra bench --dir'. Do not edit while it runs.\n");
        line(out, PEERS, peers.stream().map(MetaPeer::toString).collect(Collectors.joining(",")));
        line(out, ADDRESSES, String.join(",", metaAddresses()));
        line(out, BLOCKSTORES, blockstores.stream().map(LocalBlockstore::toString).collect(Collectors.joining(",")));
        if (compute.present()) {
            line(out, COORDINATOR, compute.coordinatorEntry());
            line(out, WORKERS, compute.workers().stream().map(LocalWorker::toString).collect(Collectors.joining(",")));
        }
        for (String id : nodeIds()) {
            if (httpPorts.containsKey(id)) {
                line(out, httpPortKey(id), Integer.toString(httpPorts.get(id)));
            }
        }
        for (String id : nodeIds()) {
            NodePid pid = pids.get(id);
            if (pid != null) {
                line(out, pidKey(id), Long.toString(pid.pid()));
                if (pid.startedAt() != null) {
                    line(out, startedKey(id), pid.startedAt().toString());
                }
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append('=').append(value).append('\n');
    }

    private static String httpPortKey(String nodeId) {
        return "node." + nodeId + ".http.port";
    }

    private static String pidKey(String nodeId) {
        return "node." + nodeId + ".pid";
    }

    private static String startedKey(String nodeId) {
        return "node." + nodeId + ".started";
    }
}
