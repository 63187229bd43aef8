package io.hydrafs.minicluster.data;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One data-path cluster (3 meta nodes, 3 blockstores, small blocks) for all the tests of a class,
 * with a client: {@code @RegisterExtension static final DataCluster cluster = new DataCluster();}.
 * Closed after the class, whatever its tests did.
 */
final class DataCluster implements BeforeAllCallback, AfterAllCallback {
    private MiniCluster cluster;
    private HydraFileSystem fs;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = DataPathFixture.cluster(3).start();
        fs = cluster.newClient();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    MiniCluster cluster() {
        return cluster;
    }

    HydraFileSystem fs() {
        return fs;
    }
}
