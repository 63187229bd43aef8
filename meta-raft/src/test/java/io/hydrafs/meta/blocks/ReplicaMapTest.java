package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaMapTest {
    private final ReplicaMap map = new ReplicaMap();

    private static ReplicaReport finalized(long blockId, long stamp) {
        return ReplicaReport.newBuilder().setState(ReplicaState.FINALIZED)
                .setBlock(BlockProto.newBuilder().setBlockId(blockId).setGenerationStamp(stamp).setNumBytes(10)).build();
    }

    private static BlockProto block(long blockId, long stamp) {
        return BlockProto.newBuilder().setBlockId(blockId).setGenerationStamp(stamp).build();
    }

    @Test
    void aFullReportKeepsWhatItNamesAndDropsWhatTheBlockstoreNoLongerReports() {
        map.record("a", finalized(1, 1));
        map.record("a", finalized(2, 1));
        map.record("b", finalized(2, 1));

        map.replaceAll("a", List.of(finalized(2, 1), finalized(3, 1)));

        assertFalse(map.isKnown(1), "block 1's only replica was on a, which no longer reports it");
        assertEquals(Set.of("a", "b"), map.of(2).keySet());
        assertEquals(Set.of("a"), map.of(3).keySet());
        assertEquals(Set.of(2L, 3L), map.blocksOf("a"));
        assertEquals(Set.of(2L), map.blocksOf("b"), "another blockstore's replicas are left alone");
        assertEquals(Map.of("a", 2, "b", 1), map.countsPerBlockstore());
    }

    @Test
    void aFullReportClearsCorruptMarksButAnIncrementalReportOfTheSameStampKeepsThem() {
        map.record("a", finalized(1, 5));
        map.record("a", finalized(2, 5));
        assertTrue(map.markCorrupt(block(1, 5), "a"));
        assertTrue(map.markCorrupt(block(2, 5), "a"));

        map.record("a", finalized(1, 5));
        assertTrue(map.of(1).get("a").corrupt(), "an incremental report of the same stamp does not clear the mark");

        map.replaceAll("a", List.of(finalized(1, 5), finalized(2, 5)));
        assertFalse(map.of(1).get("a").corrupt());
        assertFalse(map.of(2).get("a").corrupt());
    }

    @Test
    void forgettingARestartedBlockstoreRemovesOnlyItsReplicas() {
        map.record("a", finalized(1, 1));
        map.record("b", finalized(1, 1));
        map.record("a", finalized(2, 1));

        map.forgetBlockstore("a");

        assertEquals(Set.of("b"), map.of(1).keySet());
        assertFalse(map.isKnown(2));
        assertEquals(Set.of(), map.blocksOf("a"));
        assertEquals(Map.of("b", 1), map.countsPerBlockstore());
    }

    /** Random reports, removals and restarts against a plain model: the index never drifts from the replicas. */
    @Test
    void thePerBlockstoreIndexAlwaysMatchesTheReplicasUnderRandomChanges() {
        Random random = new Random(42);
        List<String> stores = List.of("a", "b", "c", "d");
        Map<String, Set<Long>> model = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            String store = stores.get(random.nextInt(stores.size()));
            long blockId = random.nextInt(200);
            Set<Long> held = model.computeIfAbsent(store, s -> new HashSet<>());
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    map.record(store, finalized(blockId, 1));
                    held.add(blockId);
                }
                case 2 -> {
                    map.remove(blockId, store);
                    held.remove(blockId);
                }
                case 3 -> {
                    map.removeBlock(blockId);
                    model.values().forEach(s -> s.remove(blockId));
                }
                case 4 -> {
                    List<ReplicaReport> report = new ArrayList<>();
                    Set<Long> reported = new HashSet<>();
                    for (int i = random.nextInt(30); i > 0; i--) {
                        long id = random.nextInt(200);
                        report.add(finalized(id, 1));
                        reported.add(id);
                    }
                    map.replaceAll(store, report);
                    model.put(store, reported);
                }
                default -> {
                    if (random.nextInt(20) == 0) {
                        map.forgetBlockstore(store);
                        held.clear();
                    }
                }
            }
        }
        assertMatches(model, stores);
    }

    private void assertMatches(Map<String, Set<Long>> model, List<String> stores) {
        Map<Long, Set<String>> byBlock = new TreeMap<>();
        Map<String, Integer> counts = new HashMap<>();
        for (String store : stores) {
            Set<Long> held = model.getOrDefault(store, Set.of());
            assertEquals(held, map.blocksOf(store), "index of " + store);
            held.forEach(id -> byBlock.computeIfAbsent(id, x -> new HashSet<>()).add(store));
            if (!held.isEmpty()) {
                counts.put(store, held.size());
            }
        }
        for (long id = 0; id < 200; id++) {
            assertEquals(byBlock.getOrDefault(id, Set.of()), map.of(id).keySet(), "replicas of block " + id);
            assertEquals(byBlock.containsKey(id), map.isKnown(id));
        }
        assertEquals(counts, map.countsPerBlockstore());
    }
}
