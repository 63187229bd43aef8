package io.hydrafs.meta.server;

import io.hydrafs.meta.blocks.BlockManager;
import io.hydrafs.meta.blocks.BlockOwner;
import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.statemachine.MetaStateMachine;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The replication monitor's view of the namespace: for each block of a round, its file's
 * replication, the block as recorded, and whether it is the last block of a file being written.
 * One read of the store per round, and each file's block list is walked once, not once per block
 * (a file of many blocks asked block by block cost its length squared).
 */
final class BlockOwnerLookup implements BlockManager.OwnerLookup {
    private final MetaStateMachine stateMachine;
    private final Namespace namespace;

    BlockOwnerLookup(MetaStateMachine stateMachine, Namespace namespace) {
        this.stateMachine = stateMachine;
        this.namespace = namespace;
    }

    @Override
    public Map<Long, Optional<BlockOwner>> owners(Collection<Long> blockIds, Collection<String> paths)
            throws HydraException {
        Map<Long, InodeProto> files = stateMachine.read(r -> {
            Map<Long, InodeProto> found = namespace.filesAt(paths, r);
            found.putAll(namespace.filesOfBlocks(blockIds, r));
            return found;
        });
        Set<Long> asked = new HashSet<>(blockIds);
        asked.addAll(files.keySet());
        Map<InodeProto, Map<Long, BlockOwner>> ownersByFile = new IdentityHashMap<>();
        Map<Long, Optional<BlockOwner>> out = new HashMap<>();
        for (long blockId : asked) {
            InodeProto file = files.get(blockId);
            BlockOwner owner = file == null ? null : ownersByFile.computeIfAbsent(file, BlockOwnerLookup::ownersOf)
                    .get(blockId);
            out.put(blockId, Optional.ofNullable(owner));
        }
        return out;
    }

    private static Map<Long, BlockOwner> ownersOf(InodeProto file) {
        Map<Long, BlockOwner> owners = new HashMap<>();
        int count = file.getBlocksCount();
        for (int i = 0; i < count; i++) {
            BlockProto b = file.getBlocks(i);
            boolean beingWritten = i == count - 1 && file.getUnderConstruction();
            owners.put(b.getBlockId(), new BlockOwner(b, file.getReplication(), beingWritten));
        }
        return owners;
    }
}
