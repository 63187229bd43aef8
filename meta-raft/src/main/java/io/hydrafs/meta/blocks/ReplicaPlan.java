package io.hydrafs.meta.blocks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * What one block needs, from the namespace's record of it and the replicas reported. Pure.
 *
 * <ul>
 *   <li>A block the namespace no longer has: every replica goes.</li>
 *   <li>A block being written or recovered: left alone (its replicas are still changing).</li>
 *   <li>Stale replicas (an older stamp than recorded) and corrupt ones go once a good copy
 *       exists (until then they are the only bytes anyone has).</li>
 *   <li>Good = live, finalized, recorded stamp and length, not corrupt, and not on a
 *       decommissioning blockstore. Fewer good than the file's replication: copy from a good
 *       one (unless a copy is already under way). More: the excess goes, from the fullest
 *       blockstores first.</li>
 *   <li>Retiring = a sound replica (finalized, recorded stamp and length, not corrupt) on a
 *       decommissioning blockstore. It does not count as good, so the block is copied
 *       elsewhere, but it may be the source of that copy (a live one, as HDFS does: it may be
 *       the last copy) and it is never deleted as excess: decommissioning removes a blockstore
 *       only once every block has enough good replicas elsewhere.</li>
 * </ul>
 *
 * @param toDelete   blockstore ids whose replica must be deleted
 * @param toAdd      how many new replicas to make
 * @param sources    good holders first, then live retiring ones (copy from one of them)
 * @param holders    every blockstore holding any replica (never a target)
 * @param good       how many good replicas the block has
 * @param retiring   decommissioning blockstores holding a sound replica (live or not)
 */
record ReplicaPlan(List<String> toDelete, int toAdd, List<String> sources, Set<String> holders, int good,
                   Set<String> retiring) {

    static ReplicaPlan of(BlockOwner owner, Collection<Replica> replicas, Set<String> live,
                          ToLongFunction<String> remainingBytes) {
        return of(owner, replicas, live, Set.of(), remainingBytes);
    }

    static ReplicaPlan of(BlockOwner owner, Collection<Replica> replicas, Set<String> live,
                          Set<String> decommissioning, ToLongFunction<String> remainingBytes) {
        Set<String> holders = new HashSet<>();
        replicas.forEach(r -> holders.add(r.blockstoreId()));
        if (owner == null) {
            return new ReplicaPlan(replicas.stream().map(Replica::blockstoreId).toList(), 0, List.of(), holders, 0,
                    Set.of());
        }
        if (owner.beingWritten()) {
            // its replicas are not final yet: any on a decommissioning blockstore still needs copying later
            Set<String> retiring = new HashSet<>(holders);
            retiring.retainAll(decommissioning);
            return new ReplicaPlan(List.of(), 0, List.of(), holders, 0, retiring);
        }
        long stamp = owner.recorded().getGenerationStamp();
        long length = owner.recorded().getNumBytes();
        List<String> delete = new ArrayList<>();
        List<Replica> good = new ArrayList<>();
        List<Replica> corrupt = new ArrayList<>();
        Set<String> retiring = new HashSet<>();
        for (Replica r : replicas) {
            if (r.generationStamp() < stamp) {
                corrupt.add(r); // stale: as useless as a corrupt copy, and kept as long as one
            } else if (r.corrupt() || (r.finalized() && r.numBytes() != length)) {
                corrupt.add(r);
            } else if (r.finalized() && decommissioning.contains(r.blockstoreId())) {
                retiring.add(r.blockstoreId());
            } else if (r.finalized() && live.contains(r.blockstoreId())) {
                good.add(r);
            }
        }
        boolean soundCopyExists = !good.isEmpty() || retiring.stream().anyMatch(live::contains);
        if (soundCopyExists) {
            corrupt.forEach(r -> delete.add(r.blockstoreId()));
        }
        int toAdd = Math.max(0, owner.replication() - good.size());
        if (good.size() > owner.replication()) {
            good.stream().map(Replica::blockstoreId)
                    .sorted(Comparator.comparingLong(remainingBytes))
                    .limit(good.size() - owner.replication())
                    .forEach(delete::add);
        }
        List<String> sources = new ArrayList<>(good.stream().map(Replica::blockstoreId)
                .filter(id -> !delete.contains(id)).toList());
        retiring.stream().filter(live::contains).sorted().forEach(sources::add);
        return new ReplicaPlan(delete, sources.isEmpty() ? 0 : toAdd, List.copyOf(sources), holders, good.size(),
                Set.copyOf(retiring));
    }
}
