package io.hydrafs.ops.local;

import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.config.ClusterConfigKeys;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Gets a cluster directory ready for its nodes to start, and finds the nodes of a cluster
 * that is already running there.
 *
 * <p>Rules, in order: a directory where a node of a cluster still runs is refused (one
 * cluster per directory); a stopped cluster is restarted as it was (same peers, blockstores,
 * ports, namespace and replicas) unless {@code fresh}, which deletes it first and starts a new one there; any other
 * new cluster needs an empty or new directory. Nothing else is ever deleted: {@code fresh}
 * removes only the files this class made (the two properties files and each node's directory).
 */
final class ClusterDirectory {
    private ClusterDirectory() {
    }

    /** The record of the cluster to start in {@code layout}: no node running, files in place. */
    static ClusterRecord prepare(ClusterLayout layout, LocalClusterOptions options) throws HydraException {
        createWritable(layout.dir());
        ClusterRecord existing = ClusterRecord.load(layout).orElse(null);
        boolean wasClusterDir = existing != null;
        if (existing != null) {
            Map<String, ProcessHandle> running = running(existing);
            if (!running.isEmpty()) {
                throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, "a cluster is already running in " + layout.dir()
                        + " (" + describe(running) + "); 'hydra cluster stop --dir " + layout.dir() + "' stops it");
            }
            if (options.fresh()) {
                wipe(layout, existing);
                existing = null;
            }
        }
        if (existing != null) {
            return reuse(layout, existing, options);
        }
        if (!wasClusterDir && !isEmpty(layout.dir())) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, layout.dir()
                    + " is not empty and holds no HydraFS cluster; give an empty or new directory");
        }
        int metaNodes = options.metaNodes() == LocalClusterOptions.SAME_AS_BEFORE
                ? LocalClusterOptions.DEFAULT_META_NODES : options.metaNodes();
        int blockstores = options.blockstores() == LocalClusterOptions.SAME_BLOCKSTORES_AS_BEFORE
                ? LocalClusterOptions.DEFAULT_BLOCKSTORES : options.blockstores();
        ClusterRecord record = newCluster(metaNodes, blockstores, options.basePort());
        int workers = options.workers() == LocalClusterOptions.SAME_WORKERS_AS_BEFORE ? 0 : options.workers();
        record = record.withCompute(LocalComputeLayout.newCompute(workers, record, options.basePort()));
        if (options.basePort() != 0) {
            checkPortsFree(record);
        }
        writeHydraProperties(layout, record.peers(), options.config());
        record.save(layout);
        return record;
    }

    private static ClusterRecord reuse(ClusterLayout layout, ClusterRecord existing, LocalClusterOptions options)
            throws HydraException {
        int size = existing.peers().size();
        if (options.metaNodes() != LocalClusterOptions.SAME_AS_BEFORE && options.metaNodes() != size) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, layout.dir() + " holds a stopped " + size
                    + "-node cluster; to start " + options.metaNodes() + " nodes use another directory, or --fresh to delete it");
        }
        int blockstores = existing.blockstores().size();
        if (options.blockstores() != LocalClusterOptions.SAME_BLOCKSTORES_AS_BEFORE && options.blockstores() != blockstores) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, layout.dir() + " holds a stopped cluster with " + blockstores
                    + " blockstore" + (blockstores == 1 ? "" : "s") + "; to start " + options.blockstores()
                    + " use another directory, or --fresh to delete it");
        }
        if (options.basePort() != 0 && options.basePort() != existing.peers().get(0).rpcPort()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, layout.dir() + " holds a stopped cluster on other ports ("
                    + String.join(",", existing.metaAddresses()) + "); --fresh deletes it and starts one on the base port");
        }
        if (options.workers() != LocalClusterOptions.SAME_WORKERS_AS_BEFORE
                && options.workers() != existing.compute().workers().size()) {
            // compute nodes keep nothing worth a restart: a new set replaces the old one
            existing = existing.withCompute(LocalComputeLayout.newCompute(options.workers(), existing,
                    options.basePort()));
            existing.save(layout);
        }
        checkPortsFree(existing);
        return existing;
    }

    private static void checkPortsFree(ClusterRecord record) throws HydraException {
        for (MetaPeer peer : record.peers()) {
            LoopbackPorts.checkFree(peer);
        }
        for (LocalBlockstore blockstore : record.blockstores()) {
            LoopbackPorts.checkFree(blockstore);
        }
        LocalCompute compute = record.compute();
        for (LocalCoordinator c : compute.coordinators()) {
            LoopbackPorts.checkFree(c.port(), "RPC port of coordinator " + c.id());
        }
        for (LocalWorker w : compute.workers()) {
            LoopbackPorts.checkFree(w.shufflePort(), "shuffle port of worker " + w.id());
        }
        for (Map.Entry<String, Integer> http : record.httpPorts().entrySet()) {
            LoopbackPorts.checkFree(http.getValue(), "status HTTP port of " + http.getKey());
        }
    }

    /** The nodes of {@code record} that still run, by id (pids checked against their start times). */
    static Map<String, ProcessHandle> running(ClusterRecord record) {
        Map<String, ProcessHandle> live = new LinkedHashMap<>();
        for (String id : record.nodeIds()) {
            record.pid(id).flatMap(NodePid::live).ifPresent(h -> live.put(id, h));
        }
        return live;
    }

    /**
     * A new cluster: ids 1-based (m1, m2, ..., b1, b2, ...), as operators count them; ports free
     * (all distinct, chosen together) or from {@code basePort}: meta node i on
     * {@code basePort + 10i} (client), {@code + 1} (Raft) and {@code + 3} (status HTTP),
     * blockstore i on {@code + 2} (data) and {@code + 4} (status HTTP).
     */
    static ClusterRecord newCluster(int metaNodes, int blockstores, int basePort) throws HydraException {
        // raft, rpc of each meta node, the data port of each blockstore, then the HTTP port of each node
        List<Integer> ports;
        if (basePort == 0) {
            ports = LoopbackPorts.chooseFree(3 * metaNodes + 2 * blockstores);
        } else {
            int stride = LocalClusterOptions.PORTS_PER_NODE_STRIDE;
            int highest = Math.max(basePort + stride * (metaNodes - 1) + 3,
                    blockstores == 0 ? 0 : basePort + stride * (blockstores - 1) + 4);
            if (highest > 65535) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "base port " + basePort + " leaves no room for the ports of "
                        + metaNodes + " meta nodes and " + blockstores + " blockstores (the last would be " + highest + ")");
            }
            ports = new ArrayList<>();
            for (int i = 0; i < metaNodes; i++) {
                int rpc = basePort + stride * i;
                ports.add(rpc + 1);
                ports.add(rpc);
            }
            for (int i = 0; i < blockstores; i++) {
                ports.add(basePort + stride * i + 2);
            }
            for (int i = 0; i < metaNodes; i++) {
                ports.add(basePort + stride * i + 3);
            }
            for (int i = 0; i < blockstores; i++) {
                ports.add(basePort + stride * i + 4);
            }
        }
        List<MetaPeer> peers = new ArrayList<>();
        Map<String, Integer> httpPorts = new LinkedHashMap<>();
        int nextHttp = 2 * metaNodes + blockstores;
        for (int i = 0; i < metaNodes; i++) {
            peers.add(new MetaPeer("m" + (i + 1), LoopbackPorts.HOST, ports.get(2 * i), ports.get(2 * i + 1)));
            httpPorts.put("m" + (i + 1), ports.get(nextHttp++));
        }
        List<LocalBlockstore> stores = new ArrayList<>();
        for (int i = 0; i < blockstores; i++) {
            stores.add(new LocalBlockstore("b" + (i + 1), LoopbackPorts.HOST, ports.get(2 * metaNodes + i)));
            httpPorts.put("b" + (i + 1), ports.get(nextHttp++));
        }
        return ClusterRecord.stopped(peers, stores, httpPorts);
    }

    static String hydraProperties(ClusterLayout layout, List<MetaPeer> peers, Map<String, String> config) {
        StringBuilder out = new StringBuilder()
                .append("# Generated for the HydraFS local cluster in ").append(layout.dir()).append(".\n")
                .append("# Every meta node starts from this file; its id and data directory are set on its command\n")
                .append("# line (--set hydra.meta.id=m1 --set hydra.meta.dir=").append(layout.dataDir("m1")).append(").\n")
                .append("# Every blockstore starts from it too, with its id, data dir and data port set likewise.\n")
                .append("# Blockstores and clients find the meta nodes through ").append(ClusterConfigKeys.META_ADDRESSES.name())
                .append(".\n")
                .append("# Edits take effect when the cluster restarts ('hydra cluster stop', then 'hydra cluster start').\n");
        out.append(MetaNodeConfig.PEERS.name()).append('=')
                .append(peers.stream().map(MetaPeer::toString).collect(Collectors.joining(","))).append('\n');
        out.append(ClusterConfigKeys.META_ADDRESSES.name()).append('=')
                .append(peers.stream().map(MetaPeer::rpcAddress).collect(Collectors.joining(","))).append('\n');
        config.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    private static void writeHydraProperties(ClusterLayout layout, List<MetaPeer> peers, Map<String, String> config)
            throws HydraException {
        try {
            Files.writeString(layout.hydraProperties(), hydraProperties(layout, peers, config), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot write " + layout.hydraProperties() + ": " + e.getMessage(), e);
        }
    }

    private static void createWritable(Path dir) throws HydraException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new HydraException(ErrorCode.IO_ERROR, dir + " exists and is not a directory", e);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot create the cluster directory " + dir + ": " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new HydraException(ErrorCode.IO_ERROR, "the cluster directory " + dir + " is not writable");
        }
    }

    private static boolean isEmpty(Path dir) throws HydraException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes what a stopped cluster left in the directory, and nothing else. */
    static void wipe(ClusterLayout layout, ClusterRecord record) throws HydraException {
        try {
            for (String id : record.nodeIds()) {
                deleteTree(layout.nodeDir(id));
            }
            Files.deleteIfExists(layout.hydraProperties());
            Files.deleteIfExists(layout.clusterProperties());
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot delete the old cluster in " + layout.dir() + ": " + e, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String describe(Map<String, ProcessHandle> running) {
        return running.entrySet().stream().map(e -> e.getKey() + " pid " + e.getValue().pid())
                .collect(Collectors.joining(", "));
    }
}
