package io.hydrafs.meta.blocks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Where the replicas of a block go. The writer's own blockstore comes first when it is a
 * candidate (its replica costs no network); then, when blockstores span several racks, racks
 * not used yet are preferred so that a rack's loss keeps a copy; never two replicas on one
 * blockstore. Candidates are live, not decommissioning, not excluded, and have room for the
 * block. Among candidates, free space decides with a little randomness (the better of two
 * random picks), which balances usage without herding every writer onto the emptiest node.
 * Pure: no clock, no I/O.
 */
public final class BlockPlacementPolicy {
    private final Random random;

    public BlockPlacementPolicy(Random random) {
        this.random = random;
    }

    /** Candidates as the policy sees them. */
    public record Candidate(String id, String rack, long remainingBytes) {
    }

    /**
     * Up to {@code count} distinct targets in pipeline order (fewer when fewer candidates fit).
     *
     * @param writer the writer's own blockstore id, or "" when it runs elsewhere
     */
    public List<String> choose(int count, long blockSize, String writer, Collection<String> excluded,
                               Collection<Candidate> candidates) {
        List<Candidate> pool = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!excluded.contains(c.id()) && c.remainingBytes() >= blockSize) {
                pool.add(c);
            }
        }
        boolean severalRacks = pool.stream().map(Candidate::rack).distinct().count() > 1;
        List<String> chosen = new ArrayList<>();
        Set<String> usedRacks = new HashSet<>();
        pool.stream().filter(c -> c.id().equals(writer)).findFirst().ifPresent(c -> take(c, pool, chosen, usedRacks));
        while (chosen.size() < count && !pool.isEmpty()) {
            List<Candidate> preferred = severalRacks
                    ? pool.stream().filter(c -> !usedRacks.contains(c.rack())).toList()
                    : pool;
            take(betterOfTwo(preferred.isEmpty() ? pool : preferred), pool, chosen, usedRacks);
        }
        return chosen;
    }

    private static void take(Candidate c, List<Candidate> pool, List<String> chosen, Set<String> usedRacks) {
        chosen.add(c.id());
        usedRacks.add(c.rack());
        pool.remove(c);
    }

    private Candidate betterOfTwo(List<Candidate> from) {
        Candidate a = from.get(random.nextInt(from.size()));
        Candidate b = from.get(random.nextInt(from.size()));
        return a.remainingBytes() >= b.remainingBytes() ? a : b;
    }
}
