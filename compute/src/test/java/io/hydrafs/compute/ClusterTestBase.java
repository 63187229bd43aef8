package io.hydrafs.compute;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

/**
 * Tests that share one {@link ClusterFixture} MiniCluster and client for the whole class. A
 * subclass's own {@code @BeforeAll} (under another name) runs after this one, so it can write
 * its inputs with {@link #fs}; the cluster (which closes its clients) is stopped after all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ClusterTestBase {
    protected MiniCluster cluster;
    protected HydraFileSystem fs;

    @BeforeAll
    final void startSharedCluster() throws IOException {
        cluster = ClusterFixture.start();
        fs = cluster.newClient();
    }

    @AfterAll
    final void stopSharedCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
