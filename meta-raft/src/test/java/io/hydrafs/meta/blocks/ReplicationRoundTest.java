package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.hydrafs.meta.blocks.BlockManagerFixture.DEAD_MS;
import static io.hydrafs.meta.blocks.BlockManagerFixture.block;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which blocks the leader's replication rounds look up: all of them once per leadership, then
 * those whose replicas or holders changed, plus a walk of {@code walkSlice} blocks a round.
 */
class ReplicationRoundTest {
    /** Three blocks, each on a and b, each of a file of replication 2: nothing to do. */
    private BlockManagerFixture healthyCluster(int walkSlice) {
        BlockManagerFixture f = new BlockManagerFixture(0, walkSlice);
        f.ownedWithReplication(2, 1, 2, 3);
        f.holds("a", block(1), block(2), block(3));
        f.holds("b", block(1), block(2), block(3));
        f.holds("c");
        f.blocks.onLeader(2);
        return f;
    }

    @Test
    void theFirstRoundOfALeadershipLooksUpEveryBlockAndLaterOnesOnlyTheWalksSlice() {
        BlockManagerFixture f = healthyCluster(1);

        assertEquals(Set.of(1L, 2L, 3L), f.round());
        assertEquals(1, f.round().size());
        assertEquals(1, f.round().size());
        assertEquals(0, f.blocks.underReplicatedBlocks());
    }

    @Test
    void theWalkReachesEveryBlockSoAChangeNoEventNamesIsFoundWithinOnePass() {
        BlockManagerFixture f = healthyCluster(1);
        f.round();
        f.ownedWithReplication(3, 2);       // setReplication: no replica changed

        boolean ordered = false;
        for (int i = 0; i < 3 && !ordered; i++) {
            f.round();
            ordered = f.replicateOrdersFor("a", 2).contains(2L) || f.replicateOrdersFor("b", 2).contains(2L);
        }

        assertTrue(ordered, "block 2 was not copied within one pass of the walk: " + f.rounds);
    }

    @Test
    void theBlocksOfAFileWhoseReplicationChangedAreCheckedInTheNextRound() {
        BlockManagerFixture f = healthyCluster(1);
        f.files.put("/f", List.of(2L, 3L));
        f.round();
        f.ownedWithReplication(3, 2, 3);

        f.blocks.filesChanged(Set.of("/f"));

        assertTrue(f.round().containsAll(Set.of(2L, 3L)));
        assertEquals(2, f.blocks.underReplicatedBlocks());
    }

    @Test
    void aFollowerRecordsNoChangedFiles() {
        BlockManagerFixture f = healthyCluster(1);
        f.blocks.onNotLeader();
        f.blocks.filesChanged(Set.of("/f"));
        f.blocks.onLeader(3);

        assertEquals(Set.of(1L, 2L, 3L), f.round(), "a full round, and nothing else");
    }

    @Test
    void aBlockstoreThatDiesHasItsBlocksCheckedInTheNextRound() {
        BlockManagerFixture f = healthyCluster(1);
        f.round();
        f.clock.addAndGet(DEAD_MS / 2);
        f.heartbeat("a", 2);
        f.heartbeat("c", 2);
        f.clock.addAndGet(DEAD_MS / 2 + 1);    // b is silent, now dead

        assertEquals(Set.of(1L, 2L, 3L), f.round());

        assertEquals(3, f.blocks.underReplicatedBlocks());
        assertEquals(List.of(1L, 2L, 3L), f.replicateOrdersFor("a", 2).stream().sorted().toList());
    }

    @Test
    void aReportedReplicaHasItsBlockCheckedInTheNextRoundAndTheCountFollows() {
        BlockManagerFixture f = healthyCluster(1);
        f.ownedWithReplication(3, 3);
        f.round();
        assertEquals(1, f.blocks.underReplicatedBlocks());

        f.received("c", block(3));

        assertTrue(f.round().contains(3L));
        assertEquals(0, f.blocks.underReplicatedBlocks());
    }

    @Test
    void aRoundWhoseLookupFailsLeavesItsBlocksToTheNext() {
        BlockManagerFixture f = healthyCluster(1);
        f.blocks.checkReplication((ids, files) -> {
            throw new HydraException(ErrorCode.NOT_READY, "store busy");
        });

        assertEquals(Set.of(1L, 2L, 3L), f.round(), "the full round was not lost");
    }

    @Test
    void aDecommissioningBlockstoreIsCountedOnlyAfterARoundHasCheckedItsBlocks() {
        BlockManagerFixture f = healthyCluster(1);
        f.round();
        f.blocks.decommissioningChanged(Set.of("a"), 10);
        assertEquals(BlockstoreState.NOT_COUNTED, pendingOn(f, "a"));

        assertTrue(f.round().containsAll(Set.of(1L, 2L, 3L)), "a's blocks are all checked");

        assertEquals(3, pendingOn(f, "a"), "each block still has a as one of its two sound replicas");
        f.received("c", block(1));
        f.round();
        assertEquals(2, pendingOn(f, "a"));
    }

    @Test
    void decommissioningThatStartsWhileARoundLooksUpOwnersIsNotCountedByThatRound() {
        BlockManagerFixture f = healthyCluster(1);
        f.round();

        f.blocks.checkReplication((ids, files) -> {
            f.blocks.decommissioningChanged(Set.of("a"), 10);   // the apply thread, meanwhile
            return BlockManagerTest.allOwnedBy(Set.of(), null);
        });

        assertEquals(BlockstoreState.NOT_COUNTED, pendingOn(f, "a"), "a round that never saw a's blocks "
                + "must not report it has none waiting (that would end its decommissioning)");
        f.round();
        assertEquals(3, pendingOn(f, "a"));
    }

    private static int pendingOn(BlockManagerFixture f, String id) {
        return f.blocks.blockstoreStates().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow()
                .decommissionPendingBlocks();
    }
}
