package io.hydrafs.hadoop.contract;

import io.hydrafs.minicluster.MiniCluster;
import org.apache.hadoop.fs.FileSystem;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * The cluster a contract test class runs against: started before the class, closed after it
 * (with every cached Hadoop file system on it), so that no class leaks servers into the next.
 */
final class ContractCluster {
    private static MiniCluster cluster;

    private ContractCluster() {
    }

    static synchronized void start() throws IOException {
        if (cluster == null) {
            cluster = MiniCluster.builder().metaNodes(3).blockstores(3)
                    .config("hydra.meta.namespace.min.block.size.bytes", "512").start();
            cluster.awaitLiveBlockstores(3, Duration.ofSeconds(30));
        }
    }

    static synchronized void stop() throws IOException {
        try {
            FileSystem.closeAll();
        } finally {
            if (cluster != null) {
                cluster.close();
                cluster = null;
            }
        }
    }

    static synchronized URI uri() {
        if (cluster == null) {
            throw new IllegalStateException("the contract cluster is not running");
        }
        return URI.create("hydra://" + cluster.metaAddresses() + "/");
    }
}
