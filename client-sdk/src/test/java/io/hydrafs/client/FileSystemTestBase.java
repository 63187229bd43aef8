package io.hydrafs.client;

import io.hydrafs.client.fake.FakeMetaCluster;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.MetaMethods;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link HydraFileSystem} connected to a {@link FakeMetaCluster} whose leader answers
 * create, complete and renewLease; tests add the answers they need.
 */
abstract class FileSystemTestBase {
    static final long LEASE_RENEW_INTERVAL_MS = 20;

    final FakeMetaCluster cluster = new FakeMetaCluster();
    HydraFileSystem fs;

    @BeforeEach
    void connect() throws Exception {
        cluster.respond(MetaMethods.CREATE, CreateResponse.newBuilder().setStatus(file("/f")).build());
        cluster.respond(MetaMethods.COMPLETE, CompleteResponse.newBuilder().setCompleted(true).build());
        cluster.respond(MetaMethods.RENEW_LEASE, EmptyResponse.getDefaultInstance());
        fs = HydraFileSystem.connect(cluster.clientOptions().leaseRenewIntervalMs(LEASE_RENEW_INTERVAL_MS).build());
    }

    @AfterEach
    void closeFileSystem() {
        fs.close();
    }

    static FileStatusProto file(String path) {
        return FileStatusProto.newBuilder().setPath(path).setType(InodeType.FILE).setReplication(3)
                .setBlockSize(128L << 20).setPermission(0644).setOwner("alice").setGroup("staff").build();
    }

    static FileStatusProto directory(String path) {
        return FileStatusProto.newBuilder().setPath(path).setType(InodeType.DIRECTORY).setPermission(0755)
                .setOwner("alice").setGroup("staff").build();
    }
}
