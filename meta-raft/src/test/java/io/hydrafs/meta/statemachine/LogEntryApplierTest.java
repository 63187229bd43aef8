package io.hydrafs.meta.statemachine;

import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.namespace.NamespacePolicy;
import io.hydrafs.meta.store.RocksMetaStore;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.ConcatRequest;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.SetReplicationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Committed entries into a RocksDB store: blocks-removed events fire once the entry is in the
 * store, for every entry the store applies (a replica replaying the log too), never for an
 * entry the store already holds.
 */
class LogEntryApplierTest {
    private static final String SUPERUSER = NamespacePolicy.defaults().superuser();

    @TempDir
    Path dir;

    /** Events seen, with the store's applied index at the time each fired. */
    private record Event(List<BlockProto> blocks, long appliedIndexThen) {
    }

    private final List<Event> events = new ArrayList<>();

    private LogEntryApplier applierOn(RocksMetaStore store) {
        LogEntryApplier applier = new LogEntryApplier(new BatchApplier(new Namespace(NamespacePolicy.defaults()),
                new RetryCache()));
        applier.setBlockEvents(blocks -> events.add(new Event(blocks, store.appliedIndex().index())));
        return applier;
    }

    /** The log: create /f, add a block, delete /f (which removes the block). */
    private static List<MetaBatch> log() {
        MetaOp.Builder su = MetaOp.newBuilder().setUser(SUPERUSER);
        return List.of(
                BatchApplierTest.batch(1_000, su.clone().setCreate(CreateRequest.newBuilder().setPath("/f")
                        .setClientName("writer")).build()),
                BatchApplierTest.batch(1_001, su.clone().addChosenTargets("bs-1").setAddBlock(AddBlockRequest
                        .newBuilder().setPath("/f").setClientName("writer")).build()),
                BatchApplierTest.batch(1_002, su.clone().setDelete(DeleteRequest.newBuilder().setPath("/f")).build()));
    }

    private static void applyAll(LogEntryApplier applier, RocksMetaStore store, List<MetaBatch> log) {
        for (int i = 0; i < log.size(); i++) {
            applier.apply(store, 1, i + 1, ByteBuffer.wrap(log.get(i).toByteArray()));
        }
    }

    @Test
    void blocksRemovedFireAfterTheEntryIsCommittedToTheStore() {
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            applyAll(applierOn(store), store, log());
        }
        assertEquals(1, events.size());
        assertEquals(1, events.get(0).blocks().size());
        assertEquals(3, events.get(0).appliedIndexThen(), "the deleting entry was already committed");
    }

    @Test
    void theBatchListenerHearsTheResultsBeforeTheStoreCommitsThem() {
        List<Long> appliedIndexWhenTold = new ArrayList<>();
        List<Long> answeredIndexWhenTold = new ArrayList<>();
        List<MetaBatchResult> told = new ArrayList<>();
        List<MetaBatchResult> returned = new ArrayList<>();
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            LogEntryApplier applier = applierOn(store);
            applier.setBatchListener((batch, result) -> {
                appliedIndexWhenTold.add(store.appliedIndex().index());
                answeredIndexWhenTold.add(applier.answeredIndex());
                told.add(result);
            });
            List<MetaBatch> log = log();
            for (int i = 0; i < log.size(); i++) {
                returned.add(applier.apply(store, 1, i + 1, ByteBuffer.wrap(log.get(i).toByteArray())));
            }
            assertEquals(3, store.appliedIndex().index());
        }
        assertEquals(returned, told);
        assertEquals(List.of(0L, 1L, 2L), appliedIndexWhenTold, "told before the entry's commit");
        assertEquals(List.of(1L, 2L, 3L), answeredIndexWhenTold);
    }

    @Test
    void aReaderWaitsForTheStoreToHoldAnAnsweredEntry() throws Exception {
        List<Long> seenByReader = new ArrayList<>();
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            LogEntryApplier applier = applierOn(store);
            Thread[] reader = new Thread[1];
            applier.setBatchListener((batch, result) -> {
                reader[0] = new Thread(() -> {
                    try {
                        assertTrue(applier.awaitAnsweredInStore(store, TimeUnit.SECONDS.toNanos(10)));
                        seenByReader.add(store.appliedIndex().index());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                reader[0].start();
                // the commit comes only once the reader is parked waiting for it
                await().atMost(Duration.ofSeconds(10)).until(() -> reader[0].getState() == Thread.State.TIMED_WAITING);
            });
            applier.apply(store, 1, 1, ByteBuffer.wrap(log().get(0).toByteArray()));
            reader[0].join(10_000);
        }
        assertEquals(List.of(1L), seenByReader);
    }

    @Test
    void aReplicaReplayingTheLogFiresTheSameEvents() {
        List<BlockProto> first;
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            applyAll(applierOn(store), store, log());
            first = events.get(0).blocks();
        }
        events.clear();
        try (RocksMetaStore replica = RocksMetaStore.open(dir.resolve("b"))) {
            applyAll(applierOn(replica), replica, log());
        }
        assertEquals(1, events.size());
        assertEquals(first, events.get(0).blocks());
    }

    @Test
    void theStoreKeepsTheBatchTimeOfTheEntriesItHoldsForANodeThatSkipsThemAfterARestart() {
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            applyAll(applierOn(store), store, log());
        }
        try (RocksMetaStore reopened = RocksMetaStore.open(dir.resolve("a"))) {
            assertEquals(1_002, reopened.appliedIndex().batchTimeMs(), "the last entry's batch time");
        }
    }

    @Test
    void entriesTheStoreAlreadyHoldsAreSkippedWithoutEvents() {
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            applyAll(applierOn(store), store, log());
        }
        events.clear();
        try (RocksMetaStore reopened = RocksMetaStore.open(dir.resolve("a"))) {
            LogEntryApplier applier = applierOn(reopened);
            MetaBatch deleting = log().get(2);
            assertNull(applier.apply(reopened, 1, 3, ByteBuffer.wrap(deleting.toByteArray())));
            assertTrue(events.isEmpty());
            assertNotNull(applier.apply(reopened, 1, 4, ByteBuffer.wrap(deleting.toByteArray())),
                    "a later entry is applied (and finds nothing to delete)");
            assertTrue(events.isEmpty());
        }
    }

    @Test
    void filesWhoseBlockRecordsChangedWithoutAReplicaChangingAreNamedAfterTheCommit() {
        List<Set<String>> changed = new ArrayList<>();
        MetaOp.Builder su = MetaOp.newBuilder().setUser(SUPERUSER);
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            LogEntryApplier applier = applierOn(store);
            applier.setBlockEvents(new AppliedBlockEvents() {
                @Override
                public void blocksRemoved(List<BlockProto> blocks) {
                }

                @Override
                public void filesChanged(Set<String> paths) {
                    changed.add(paths);
                }
            });
            applyAll(applier, store, List.of(
                    BatchApplierTest.batch(1_000, su.clone().setCreate(CreateRequest.newBuilder().setPath("/f")
                            .setClientName("writer")).build()),
                    BatchApplierTest.batch(1_001, su.clone().setComplete(CompleteRequest.newBuilder().setPath("/f")
                            .setClientName("writer")).build()),
                    BatchApplierTest.batch(1_002, su.clone().setSetReplication(SetReplicationRequest
                            .newBuilder().setPath("/f").setReplication(2)).build(), su.clone().setComplete(
                            CompleteRequest.newBuilder().setPath("/g").setClientName("writer")
                                    .setLast(BlockProto.newBuilder().setBlockId(9))).build()),
                    BatchApplierTest.batch(1_003, su.clone().setConcat(ConcatRequest.newBuilder().setTarget("/t")
                            .addSrcs("/s")).build())));
        }
        assertEquals(List.of(Set.of("/f", "/g"), Set.of("/t")), changed,
                "a file completed without a block has nothing to check; a concat target has new blocks");
    }

    @Test
    void aFailingListenerDoesNotFailTheCommittedEntry() {
        try (RocksMetaStore store = RocksMetaStore.open(dir.resolve("a"))) {
            LogEntryApplier applier = applierOn(store);
            applier.setBlockEvents(blocks -> {
                throw new IllegalStateException("listener bug");
            });
            applyAll(applier, store, log());
            assertEquals(3, store.appliedIndex().index());
        }
    }
}
