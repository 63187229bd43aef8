package io.hydrafs.minicluster;

import io.hydrafs.blockstore.server.BlockstoreConfigKeys;
import io.hydrafs.blockstore.server.BlockstoreNode;
import io.hydrafs.blockstore.storage.StorageConfigKeys;
import io.hydrafs.client.ClientOptions;
import io.hydrafs.protocol.config.ClusterConfigKeys;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.meta.server.MetaNode;
import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.config.HydraConfig;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real HydraFS cluster inside one JVM, for tests of every module (the role HDFS's
 * MiniDFSCluster plays): meta nodes with real Ratis servers, RocksDB stores and RPC services on
 * 127.0.0.1 ports chosen at random, in a temporary directory that {@link #close()} removes.
 * Nodes can be stopped abruptly and restarted on the same ports and directories.
 *
 * <pre>{@code
 * try (MiniCluster cluster = MiniCluster.builder().metaNodes(3).start();
 *      HydraFileSystem fs = cluster.newClient()) {
 *     fs.mkdirs("/a");
 * }
 * }</pre>
 */
public final class MiniCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MiniCluster.class);

    private final Path baseDir;
    private final boolean ownsBaseDir;
    private final List<MetaPeer> peers;
    private final HydraConfig baseConfig;
    private final MetaNode[] metaNodes;
    private final BlockstoreNode[] blockstores;
    private final int[] blockstorePorts;
    private final List<HydraFileSystem> clients = new ArrayList<>();

    public static Builder builder() {
        return new Builder();
    }

    /** Builder; every setting has a test-friendly default. */
    public static final class Builder {
        private int metaNodes = 3;
        private int blockstores = 0;
        private Path baseDir;
        private final Map<String, String> config = new TreeMap<>();

        private Builder() {
            // fast elections keep failover tests short; still well above GC pauses of small heaps
            config.put(MetaNodeConfig.ELECTION_MIN_MS.name(), "600");
            config.put(MetaNodeConfig.ELECTION_MAX_MS.name(), "1200");
            // blockstores report often and are declared dead soon, so data-path tests stay short
            config.put(BlockstoreConfigKeys.HEARTBEAT_INTERVAL_MS.name(), "200");
            config.put("hydra.meta.blockstore.dead.timeout.ms", "3000");
            config.put("hydra.meta.replication.interval.ms", "200");
            config.put("hydra.meta.blocks.ready.delay.ms", "400");
            // status HTTP servers on free ports, so nodes of one JVM (and parallel builds) never collide
            config.put(MetaNodeConfig.HTTP_PORT.name(), "0");
            config.put(BlockstoreConfigKeys.HTTP_PORT.name(), "0");
        }

        /** Blockstores to start (default none: namespace-only tests need no data path). */
        public Builder blockstores(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("blockstores cannot be negative");
            }
            this.blockstores = n;
            return this;
        }

        public Builder metaNodes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a cluster needs at least one meta node");
            }
            this.metaNodes = n;
            return this;
        }

        /** Keep the cluster's files here instead of a fresh temporary directory (not deleted on close). */
        public Builder baseDir(Path dir) {
            this.baseDir = dir;
            return this;
        }

        /** Any configuration key, for every node. */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public MiniCluster start() throws IOException {
            return new MiniCluster(this);
        }
    }

    private MiniCluster(Builder b) throws IOException {
        this.ownsBaseDir = b.baseDir == null;
        this.baseDir = ownsBaseDir ? Files.createTempDirectory("hydra-minicluster-") : b.baseDir;
        List<MetaPeer> ps = new ArrayList<>();
        for (int i = 0; i < b.metaNodes; i++) {
            ps.add(new MetaPeer("m" + i, "127.0.0.1", freePort(), freePort()));
        }
        this.peers = List.copyOf(ps);
        HydraConfig c = HydraConfig.of(b.config)
                .with(MetaNodeConfig.PEERS.name(), peers.stream().map(MetaPeer::toString).collect(Collectors.joining(",")));
        this.baseConfig = c;
        this.metaNodes = new MetaNode[b.metaNodes];
        this.blockstores = new BlockstoreNode[b.blockstores];
        this.blockstorePorts = new int[b.blockstores];
        try {
            for (int i = 0; i < metaNodes.length; i++) {
                startMeta(i);
            }
            awaitLeader(Duration.ofSeconds(60));
            for (int i = 0; i < blockstores.length; i++) {
                blockstorePorts[i] = freePort();
                startBlockstore(i);
            }
            awaitLiveBlockstores(blockstores.length, Duration.ofSeconds(60));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The configuration node i runs with. */
    public HydraConfig metaConfig(int i) {
        return baseConfig.with(MetaNodeConfig.NODE_ID.name(), peers.get(i).id())
                .with(MetaNodeConfig.DATA_DIR.name(), baseDir.resolve(peers.get(i).id()).toString());
    }

    /** Starts (or restarts) meta node i on its ports and directory. */
    public synchronized void startMeta(int i) throws IOException {
        if (metaNodes[i] != null) {
            throw new IllegalStateException("meta node " + i + " is already running");
        }
        metaNodes[i] = MetaNode.start(MetaNodeConfig.from(metaConfig(i)));
    }

    /** Stops meta node i at once, as a crash would (no leadership hand-over). */
    public synchronized void stopMeta(int i) {
        MetaNode n = metaNodes[i];
        metaNodes[i] = null;
        if (n != null) {
            n.halt();
        }
    }

    /** Stops meta node i as an operator's SIGTERM does: a leader hands leadership to a follower first. */
    public synchronized void shutdownMeta(int i) {
        MetaNode n = metaNodes[i];
        metaNodes[i] = null;
        if (n != null) {
            n.close();
        }
    }

    public synchronized MetaNode meta(int i) {
        return metaNodes[i];
    }

    public int metaCount() {
        return metaNodes.length;
    }

    /** The configuration blockstore i runs with. */
    public HydraConfig blockstoreConfig(int i) {
        Path dir = baseDir.resolve("b" + i);
        return baseConfig.with(ClusterConfigKeys.META_ADDRESSES.name(), metaAddresses())
                .with(BlockstoreConfigKeys.ID.name(), "b" + i)
                .with(BlockstoreConfigKeys.DATA_PORT.name(), String.valueOf(blockstorePorts[i]))
                .with(StorageConfigKeys.DATA_DIRS.name(), dir.resolve("d0") + "," + dir.resolve("d1"));
    }

    /** Starts (or restarts) blockstore i on its port and directories. */
    public synchronized void startBlockstore(int i) throws IOException {
        if (blockstores[i] != null) {
            throw new IllegalStateException("blockstore " + i + " is already running");
        }
        blockstores[i] = BlockstoreNode.start(blockstoreConfig(i));
    }

    /** Stops blockstore i at once, as a crash would (its replicas stay on disk). */
    public synchronized void stopBlockstore(int i) {
        BlockstoreNode n = blockstores[i];
        blockstores[i] = null;
        if (n != null) {
            n.close();
        }
    }

    public synchronized BlockstoreNode blockstore(int i) {
        return blockstores[i];
    }

    public int blockstoreCount() {
        return blockstores.length;
    }

    /** Waits until the leader counts at least {@code n} live blockstores. */
    public void awaitLiveBlockstores(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int l = leaderIndex();
            if (l >= 0 && meta(l) != null && meta(l).liveBlockstores() >= n) {
                return;
            }
            sleepBriefly();
        }
        throw new IllegalStateException("fewer than " + n + " live blockstores within " + timeout);
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    /** Index of the current leader, or -1. */
    public synchronized int leaderIndex() {
        for (int i = 0; i < metaNodes.length; i++) {
            if (metaNodes[i] != null && metaNodes[i].isLeader()) {
                return i;
            }
        }
        return -1;
    }

    /** Waits until some running node is a ready leader; returns its index. */
    public int awaitLeader(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int l = leaderIndex();
            if (l >= 0) {
                return l;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a leader", e);
            }
        }
        throw new IllegalStateException("no meta leader within " + timeout);
    }

    /** Comma-separated client RPC addresses of all meta nodes (running or not). */
    public String metaAddresses() {
        return peers.stream().map(MetaPeer::rpcAddress).collect(Collectors.joining(","));
    }

    public HydraFileSystem newClient() throws HydraException {
        return newClient(System.getProperty("user.name"));
    }

    /** A client acting as the given user; closed with the cluster. */
    public synchronized HydraFileSystem newClient(String user) throws HydraException {
        HydraFileSystem fs = HydraFileSystem.connect(ClientOptions.builder()
                .metaAddresses(List.of(metaAddresses().split(",")))
                .user(user)
                .build());
        clients.add(fs);
        return fs;
    }

    public Path baseDir() {
        return baseDir;
    }

    @Override
    public synchronized void close() {
        for (HydraFileSystem fs : clients) {
            try {
                fs.close();
            } catch (RuntimeException e) {
                LOG.warn("closing a client failed", e);
            }
        }
        clients.clear();
        if (blockstores != null) {
            for (int i = 0; i < blockstores.length; i++) {
                stopBlockstore(i);
            }
        }
        for (int i = 0; i < metaNodes.length; i++) {
            stopMeta(i);
        }
        if (ownsBaseDir) {
            deleteTree(baseDir);
        }
    }

    private static int freePort() throws IOException {
        return io.hydrafs.protocol.net.FreePorts.pick();
    }


    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
