package io.hydrafs.meta.namespace;

import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.BlockProto;

import java.util.List;
import java.util.function.Consumer;

/**
 * Everything one operation may use: the policy, the caller's permissions, the store and, for a
 * mutation, the writer and the batch time. Nothing else (no clock, no randomness) reaches an
 * operation, which is what makes apply deterministic.
 *
 * <p>A mutation also reports, through {@link #blockRemoved}, every block it drops from the
 * namespace. The reports are only a record of the op's writes: the caller keeps them when the op
 * succeeds and throws them away with the writes when it fails.
 */
final class OpContext {
    final NamespacePolicy policy;
    final PermissionChecker access;
    final MetaReader reader;
    private final MetaWriter writer;
    private final long nowMs;
    private final Consumer<BlockProto> removedBlocks;

    private OpContext(NamespacePolicy policy, PermissionChecker access, MetaReader reader, MetaWriter writer,
                      long nowMs, Consumer<BlockProto> removedBlocks) {
        this.policy = policy;
        this.access = access;
        this.reader = reader;
        this.writer = writer;
        this.nowMs = nowMs;
        this.removedBlocks = removedBlocks;
    }

    static OpContext forRead(NamespacePolicy policy, PermissionChecker access, MetaReader reader) {
        return new OpContext(policy, access, reader, null, -1, null);
    }

    static OpContext forWrite(NamespacePolicy policy, PermissionChecker access, MetaWriter writer, long nowMs,
                              Consumer<BlockProto> removedBlocks) {
        return new OpContext(policy, access, writer, writer, nowMs, removedBlocks);
    }

    MetaWriter writer() {
        Invariants.check(writer != null, "a read operation tried to write");
        return writer;
    }

    /** The batch timestamp chosen by the leader: the only clock an operation sees. */
    long nowMs() {
        Invariants.check(writer != null, "a read operation asked for the batch time");
        return nowMs;
    }

    /** Records that this op dropped {@code block} (as the namespace stored it) from the namespace. */
    void blockRemoved(BlockProto block) {
        Invariants.check(removedBlocks != null, "a read operation removed block %d", block.getBlockId());
        removedBlocks.accept(block);
    }

    ResolvedPath resolve(String path) throws HydraException {
        return PathResolver.resolve(reader, access, path);
    }

    ResolvedPath resolve(List<String> components) throws HydraException {
        return PathResolver.resolve(reader, access, components);
    }

    /** Resolves a path that must exist: FILE_NOT_FOUND otherwise. */
    /**
     * The file a writer names: by its inode id when it gives one (the file may have been renamed
     * since the writer opened it; HDFS's writers name files by id too), else by path.
     */
    ResolvedPath resolveFileOfWriter(String path, long fileId) throws HydraException {
        if (fileId == 0) {
            return resolveExisting(path);
        }
        String current = InodePaths.pathOf(reader, fileId);
        if (current == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, "file " + path + " (inode " + fileId
                    + ") no longer exists");
        }
        return resolveExisting(current);
    }

    ResolvedPath resolveExisting(String path) throws HydraException {
        ResolvedPath rp = resolve(path);
        if (!rp.exists()) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, "file or directory " + rp.path() + " does not exist");
        }
        return rp;
    }
}
