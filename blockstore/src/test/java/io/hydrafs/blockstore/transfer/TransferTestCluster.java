package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.net.RpcEventLoops;
import io.hydrafs.blockstore.storage.InMemoryReplicaStore;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * N data transfer servers on 127.0.0.1 ephemeral ports, each over its own
 * {@link InMemoryReplicaStore}, sharing one set of event loops. Closing it closes every server,
 * the loops and the temporary directory, even after a failed start.
 */
final class TransferTestCluster implements AutoCloseable {
    static final TransferSettings SETTINGS = TransferSettings.defaults().withConnectTimeoutMs(2_000)
            .withResponseTimeoutMs(10_000);

    final RpcEventLoops loops = new RpcEventLoops("test-data", 2);
    final List<InMemoryReplicaStore> stores = new ArrayList<>();
    final List<DataTransferServer> servers = new ArrayList<>();
    private final List<BlockstoreLocation> locations = new ArrayList<>();
    private final Path tempDir;

    private TransferTestCluster() {
        try {
            tempDir = Files.createTempDirectory("transfer-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TransferTestCluster start(int nodes) throws HydraException {
        return start(nodes, SETTINGS);
    }

    static TransferTestCluster start(int nodes, TransferSettings settings) throws HydraException {
        TransferTestCluster cluster = new TransferTestCluster();
        try {
            for (int i = 0; i < nodes; i++) {
                InMemoryReplicaStore store = new InMemoryReplicaStore(cluster.tempDir);
                DataTransferServer server = new DataTransferServer("127.0.0.1", 0, store, settings, cluster.loops);
                cluster.stores.add(store);
                cluster.servers.add(server);
                server.start();
                cluster.locations.add(BlockstoreLocation.newBuilder().setId("bs" + i).setHost("127.0.0.1")
                        .setDataPort(server.port()).build());
            }
            return cluster;
        } catch (RuntimeException | HydraException e) {
            cluster.close();
            throw e;
        }
    }

    InMemoryReplicaStore store(int i) {
        return stores.get(i);
    }

    BlockstoreLocation location(int i) {
        return locations.get(i);
    }

    /** Locations {@code from..to-1}. */
    List<BlockstoreLocation> locations(int from, int to) {
        return List.copyOf(locations.subList(from, to));
    }

    /** A client connection to node {@code i}; closed by the caller. */
    TestPeer connect(int i) throws HydraException {
        return TestPeer.connect(loops, location(i));
    }

    Path tempDir() {
        return tempDir;
    }

    @Override
    public void close() {
        for (DataTransferServer server : servers) {
            server.close();
        }
        loops.close();
        try (Stream<Path> files = Files.walk(tempDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
