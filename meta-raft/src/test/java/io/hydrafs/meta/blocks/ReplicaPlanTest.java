package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplicaPlanTest {
    private static final BlockProto RECORDED = BlockProto.newBuilder().setBlockId(9).setGenerationStamp(5)
            .setNumBytes(1000).build();
    private static final Set<String> LIVE = Set.of("a", "b", "c", "d");

    private static Replica good(String id) {
        return new Replica(id, 5, 1000, true, false);
    }

    private static ReplicaPlan plan(BlockOwner owner, List<Replica> replicas) {
        return ReplicaPlan.of(owner, replicas, LIVE, id -> id.equals("a") ? 1 : 100);
    }

    @Test
    void aBlockNoFileHasIsDeletedEverywhere() {
        ReplicaPlan p = plan(null, List.of(good("a"), good("b")));

        assertEquals(List.of("a", "b"), p.toDelete());
        assertEquals(0, p.toAdd());
    }

    @Test
    void anUnderReplicatedBlockGetsCopiesFromAGoodReplica() {
        ReplicaPlan p = plan(new BlockOwner(RECORDED, 3, false), List.of(good("a"), new Replica("dead", 5, 1000, true, false)));

        assertEquals(2, p.toAdd(), "a replica on a dead blockstore does not count");
        assertEquals(List.of("a"), p.sources());
        assertTrue(p.holders().contains("dead"), "never a target");
    }

    @Test
    void theExcessGoesFromTheFullestBlockstore() {
        ReplicaPlan p = plan(new BlockOwner(RECORDED, 2, false), List.of(good("a"), good("b"), good("c")));

        assertEquals(List.of("a"), p.toDelete());
        assertEquals(0, p.toAdd());
    }

    @Test
    void staleAndCorruptReplicasGoOnceAGoodOneExists() {
        ReplicaPlan p = plan(new BlockOwner(RECORDED, 3, false), List.of(good("a"),
                new Replica("b", 4, 1000, true, false), new Replica("c", 5, 1000, true, true)));

        assertEquals(Set.of("b", "c"), Set.copyOf(p.toDelete()));
        assertEquals(2, p.toAdd());
    }

    @Test
    void aStaleReplicaIsKeptWhileNoGoodOneExists() {
        ReplicaPlan p = plan(new BlockOwner(RECORDED, 3, false), List.of(new Replica("b", 4, 1000, true, false)));

        assertTrue(p.toDelete().isEmpty());
    }

    @Test
    void theOnlyCopyIsKeptEvenIfCorrupt() {
        ReplicaPlan p = plan(new BlockOwner(RECORDED, 3, false), List.of(new Replica("c", 5, 1000, true, true)));

        assertTrue(p.toDelete().isEmpty());
        assertEquals(0, p.toAdd(), "nothing good to copy from");
    }

    @Test
    void aBlockBeingWrittenIsLeftAlone() {
        ReplicaPlan p = plan(new BlockOwner(RECORDED, 3, true), List.of(new Replica("a", 3, 10, false, false)));

        assertTrue(p.toDelete().isEmpty());
        assertEquals(0, p.toAdd());
    }

    private static ReplicaPlan planRetiring(BlockOwner owner, List<Replica> replicas, Set<String> decommissioning) {
        return ReplicaPlan.of(owner, replicas, LIVE, decommissioning, id -> 100);
    }

    @Test
    void aReplicaOnADecommissioningBlockstoreDoesNotCountButIsASource() {
        ReplicaPlan p = planRetiring(new BlockOwner(RECORDED, 3, false), List.of(good("a"), good("b"), good("c")),
                Set.of("c"));

        assertEquals(2, p.good());
        assertEquals(1, p.toAdd());
        assertEquals(List.of("a", "b", "c"), p.sources(), "good holders first, then the retiring one");
        assertEquals(Set.of("c"), p.retiring());
        assertTrue(p.toDelete().isEmpty(), "the retiring replica stays until the blockstore is removed");
    }

    @Test
    void theRetiringReplicaIsNotExcessOnceEnoughGoodOnesExist() {
        ReplicaPlan p = planRetiring(new BlockOwner(RECORDED, 3, false),
                List.of(good("a"), good("b"), good("c"), good("d")), Set.of("d"));

        assertEquals(3, p.good());
        assertEquals(0, p.toAdd());
        assertTrue(p.toDelete().isEmpty());
    }

    @Test
    void aBlockOnlyOnADecommissioningBlockstoreIsCopiedFromIt() {
        ReplicaPlan p = planRetiring(new BlockOwner(RECORDED, 3, false), List.of(good("a")), Set.of("a"));

        assertEquals(0, p.good());
        assertEquals(3, p.toAdd());
        assertEquals(List.of("a"), p.sources());
    }

    @Test
    void aStaleReplicaOnADecommissioningBlockstoreIsNotRetiring() {
        ReplicaPlan p = planRetiring(new BlockOwner(RECORDED, 3, false),
                List.of(good("a"), new Replica("b", 4, 1000, true, false)), Set.of("b"));

        assertTrue(p.retiring().isEmpty());
        assertEquals(List.of("b"), p.toDelete());
    }
}
