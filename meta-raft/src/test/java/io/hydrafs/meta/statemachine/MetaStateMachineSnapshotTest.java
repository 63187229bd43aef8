package io.hydrafs.meta.statemachine;

import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.namespace.NamespacePolicy;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Snapshots of the state machine against a real store and Ratis storage directory, without a
 * Ratis server: while paused for a snapshot install, nothing is written into {@code sm/}.
 */
class MetaStateMachineSnapshotTest {
    @TempDir
    Path dir;

    private RaftStorage raftStorage;
    private MetaStateMachine stateMachine;

    @BeforeEach
    void start() throws IOException {
        raftStorage = RaftStorage.newBuilder().setDirectory(dir.resolve("raft").toFile())
                .setOption(RaftStorage.StartupOption.FORMAT)
                .setLogCorruptionPolicy(RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION)
                .setStorageFreeSpaceMin(SizeInBytes.ONE_MB).build();
        raftStorage.initialize();
        stateMachine = new MetaStateMachine(dir.resolve("store"),
                new BatchApplier(new Namespace(NamespacePolicy.defaults()), new RetryCache()),
                reader -> true, new MetaStateMachine.RoleListener() {
                    @Override
                    public void onLeaderReady(long term) {
                    }

                    @Override
                    public void onNotLeader() {
                    }
                });
        stateMachine.initialize(namedServer(), RaftGroupId.randomId(), raftStorage);
    }

    /** Ratis asks the server only for its id here (to name the state machine). */
    private static RaftServer namedServer() {
        RaftPeerId id = RaftPeerId.valueOf("m1");
        return (RaftServer) Proxy.newProxyInstance(RaftServer.class.getClassLoader(), new Class<?>[] {RaftServer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getId")) {
                        return id;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @AfterEach
    void stop() throws IOException {
        stateMachine.close();
        raftStorage.close();
    }

    @Test
    void aPausedStateMachineTakesNoSnapshotUntilReinitialized() throws IOException {
        stateMachine.notifyTermIndexUpdated(1, 1);
        assertEquals(1, stateMachine.takeSnapshot());

        stateMachine.pause();
        stateMachine.notifyTermIndexUpdated(1, 2);
        List<String> before = smDirectory();

        assertEquals(1, stateMachine.takeSnapshot(), "the latest snapshot, none new");
        assertEquals(before, smDirectory(), "nothing written into sm/ while paused");

        stateMachine.reinitialize();
        stateMachine.notifyTermIndexUpdated(1, 3);
        assertEquals(3, stateMachine.takeSnapshot());
    }

    private List<String> smDirectory() throws IOException {
        Path sm = raftStorage.getStorageDir().getStateMachineDir().toPath();
        try (Stream<Path> files = Files.walk(sm)) {
            return files.map(p -> sm.relativize(p).toString()).sorted().toList();
        }
    }
}
