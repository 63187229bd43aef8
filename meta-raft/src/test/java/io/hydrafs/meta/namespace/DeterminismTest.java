package io.hydrafs.meta.namespace;

import com.google.protobuf.Message;
import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.MetaOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replicas stay identical only if apply is a function of (store, op, time). Two replicas here
 * are two stores with two Namespace instances of equal policies, fed the same ops at the same
 * times, as Raft feeds its followers.
 */
class DeterminismTest {
    private static final int OPS = 600;

    private record Answer(boolean ok, String text) {
    }

    /** One replica: a store, its own Namespace, and the state machine's savepoint discipline. */
    private static final class Replica {
        final InMemoryMetaStore store = new InMemoryMetaStore();
        final Namespace namespace = new Namespace(NamespaceTestContext.testPolicy().build());

        Replica() {
            namespace.format(store, NamespaceTestContext.START_MS);
        }

        /** What the client would get: the serialized answer, or the error code and message. */
        Answer apply(MetaOp op, long nowMs) {
            store.setSavepoint();
            try {
                Message m = namespace.apply(op, nowMs, store);
                store.releaseSavepoint();
                return new Answer(true, m.getClass().getSimpleName() + " " + Arrays.toString(m.toByteArray()));
            } catch (HydraException e) {
                store.rollbackToSavepoint();
                return new Answer(false, e.getMessage());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void sameOpsAtSameTimesMakeTheSameWritesAndAnswersOnEveryReplica(long seed) {
        Replica a = new Replica();
        Replica b = new Replica();
        RandomWorkload workload = new RandomWorkload(seed, a.namespace);
        long now = NamespaceTestContext.START_MS;
        int succeeded = 0;
        for (int i = 0; i < OPS; i++) {
            MetaOp op = workload.next(a.store);
            now += 1 + (i % 7);
            a.store.clearWrites();
            b.store.clearWrites();

            Answer answerA = a.apply(op, now);
            Answer answerB = b.apply(op, now);

            String where = "seed " + seed + ", op " + i + ": " + op;
            assertEquals(answerA, answerB, where);
            assertEquals(a.store.writes().toString(), b.store.writes().toString(), where);
            if (answerA.ok()) {
                succeeded++;
            }
        }
        assertTrue(a.store.sameContents(b.store), "seed " + seed);
        NamespaceFsck.check(a.store);
        // the workload collides on purpose (10-18% of its ops succeed); one where almost nothing
        // succeeds would compare replicas that never change
        assertTrue(succeeded > OPS / 20, "the workload must do things, not only fail: " + succeeded);
        assertEquals(0, a.store.size(Table.RETRY_CACHE) + a.store.size(Table.RETRY_EXPIRY),
                "the retry cache tables belong to the state machine");
    }

    @Test
    void replayingAnAppliedLogRebuildsTheSameStore() throws Exception {
        NamespaceTestContext original = NamespaceTestContext.create();
        NamespaceTestContext.Actor hdfs = original.asSuperuser();
        hdfs.mkdirs("/a/b");
        hdfs.writeFile("/a/b/f", 100, 200);
        original.advanceClock(1000);
        hdfs.rename("/a/b", "/c");
        hdfs.create("/c/open");
        NamespaceTestContext.assertFails(ErrorCode.PERMISSION_DENIED, () -> original.asUser("alice").mkdirs("/x"));
        original.advanceClock(1000);
        hdfs.delete("/a", true);

        Replica replay = new Replica();
        List<NamespaceTestContext.TimedOp> log = original.log();
        for (NamespaceTestContext.TimedOp t : log) {
            replay.apply(t.op(), t.nowMs());
        }

        assertTrue(original.store().sameContents(replay.store),
                original.store().dump() + "\nvs\n" + replay.store.dump());
    }
}
