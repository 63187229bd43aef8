package io.hydrafs.hadoop.contract;

import io.hydrafs.minicluster.MiniCluster;
import org.apache.hadoop.fs.FileSystem;
import org.junit.rules.ExternalResource;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** A class rule: the cluster runs for the test class, and is closed after it even when a test fails. */
    static ExternalResource perClass() {
        return new ExternalResource() {
            @Override
            protected void before() throws IOException {
                start();
            }

            @Override
            protected void after() {
                try {
                    stop();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static synchronized void start() throws IOException {
        if (cluster == null) {
            cluster = MiniCluster.builder().metaNodes(3).blockstores(3)
                    .config("hydra.meta.namespace.min.block.size.bytes", "512").start();
            cluster.awaitLiveBlockstores(3, Duration.ofSeconds(30));
        }
    }

    private static synchronized void stop() throws IOException {
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
