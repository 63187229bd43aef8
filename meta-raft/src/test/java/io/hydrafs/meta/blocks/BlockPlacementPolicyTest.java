package io.hydrafs.meta.blocks;

import io.hydrafs.meta.blocks.BlockPlacementPolicy.Candidate;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BlockPlacementPolicyTest {
    private static final long GIB = 1L << 30;
    private final BlockPlacementPolicy policy = new BlockPlacementPolicy(new Random(1));

    private static List<Candidate> nodes(String... idsAndRacks) {
        return java.util.Arrays.stream(idsAndRacks).map(s -> {
            String[] p = s.split("@");
            return new Candidate(p[0], p.length > 1 ? p[1] : "", 10 * GIB);
        }).toList();
    }

    @Test
    void theWritersOwnBlockstoreComesFirst() {
        List<String> chosen = policy.choose(3, GIB, "c", Set.of(), nodes("a", "b", "c", "d"));

        assertEquals("c", chosen.get(0));
        assertEquals(3, new HashSet<>(chosen).size(), "never two replicas on one blockstore");
    }

    @Test
    void excludedAndFullBlockstoresAreSkippedAndFewerTargetsComeBack() {
        List<Candidate> candidates = List.of(new Candidate("a", "", 10 * GIB), new Candidate("full", "", 10),
                new Candidate("x", "", 10 * GIB));

        assertEquals(List.of("a"), policy.choose(3, GIB, "", Set.of("x"), candidates));
    }

    @RepeatedTest(20)
    void withSeveralRacksTheReplicasSpanMoreThanOne() {
        List<Candidate> candidates = nodes("a1@r1", "a2@r1", "a3@r1", "b1@r2");

        List<String> chosen = policy.choose(2, GIB, "a1", Set.of(), candidates);

        assertEquals("a1", chosen.get(0));
        assertEquals("b1", chosen.get(1), "the second replica goes to the other rack");
    }

    @Test
    void moreFreeSpaceIsPreferred() {
        List<Candidate> candidates = List.of(new Candidate("empty", "", 100 * GIB), new Candidate("busy", "", 2 * GIB));
        int emptyFirst = 0;
        for (int i = 0; i < 200; i++) {
            if (policy.choose(1, GIB, "", Set.of(), candidates).get(0).equals("empty")) {
                emptyFirst++;
            }
        }
        assertNotEquals(0, emptyFirst);
        assertFalse(emptyFirst < 120, "the emptier node wins the better-of-two draw most of the time: " + emptyFirst);
    }
}
