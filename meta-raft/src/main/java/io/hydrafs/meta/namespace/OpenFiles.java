package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.List;

/**
 * The rules shared by the operations on files being written (append, addBlock, abandonBlock,
 * updatePipeline, complete, lease recovery).
 *
 * <p>A file's life:
 * <pre>
 *   create / append ----------> WRITING (under construction, holder = the client, LEASES key)
 *   WRITING --complete--------> CLOSED
 *   WRITING --recover/expire--> CLOSED             when the file has no block
 *   WRITING --recover/expire--> RECOVERING         otherwise (holder = LeaseHolders.RECOVERY,
 *                                                  recovery_generation_stamp = a new stamp)
 *   RECOVERING --recover/expire--> RECOVERING      a new attempt, a newer stamp
 *   RECOVERING --commitBlockRecovery(that stamp)--> CLOSED
 *   CLOSED --append-----------> WRITING
 * </pre>
 * Closing clears the holder, the recovery stamp and the LEASES key. Only the holder may change
 * the blocks of a WRITING file; a RECOVERING file is changed only by the commit of its current
 * attempt (the former writer gets LEASE_EXPIRED, create/append RECOVERY_IN_PROGRESS).
 *
 * <p>Lengths: a block's num_bytes is what the writer reported when it moved past the block
 * (addBlock's previous, complete's last), the bytes acked at an updatePipeline, or what block
 * recovery agreed on; the file's length is always the sum of its blocks' num_bytes, so the block
 * being written counts what was last reported.
 */
final class OpenFiles {
    private OpenFiles() {
    }

    /** The file at a resolved, existing path; IS_A_DIRECTORY for a directory. */
    static InodeProto requireFile(ResolvedPath rp) throws HydraException {
        InodeProto inode = rp.last();
        if (inode.getType() != InodeType.FILE) {
            throw new HydraException(ErrorCode.IS_A_DIRECTORY, rp.path() + " is a directory, not a file");
        }
        return inode;
    }

    /** The file must be under construction with {@code client} as its lease holder. */
    static void checkLease(InodeProto file, String path, String client) throws HydraException {
        if (!file.getUnderConstruction()) {
            throw new HydraException(ErrorCode.NOT_UNDER_CONSTRUCTION,
                    path + " is not under construction: the file is closed");
        }
        if (!file.getLeaseHolder().equals(client)) {
            String now = LeaseHolders.isRecovery(file.getLeaseHolder()) ? "its lease is being recovered"
                    : "the file is being written by " + file.getLeaseHolder();
            throw new HydraException(ErrorCode.LEASE_EXPIRED, "no lease on " + path + " held by " + client
                    + ": " + now);
        }
    }

    /** RECOVERY_IN_PROGRESS (retryable) while the file's lease is being recovered. */
    static void checkNotInRecovery(InodeProto file, String path, String op) throws HydraException {
        if (file.getRecoveryGenerationStamp() != 0) {
            throw new HydraException(ErrorCode.RECOVERY_IN_PROGRESS, "cannot " + op + " " + path
                    + ": its lease is being recovered; retry when the file is closed");
        }
    }

    /** A block field the client filled in, or null: an unset field or block id 0 mean "none". */
    static BlockProto given(boolean present, BlockProto block) {
        return present && block.getBlockId() != 0 ? block : null;
    }

    /** Whether {@code claimed} (null = none) names the file's last block (none, if it has no block). */
    static boolean isLastBlock(InodeProto file, BlockProto claimed) {
        if (file.getBlocksCount() == 0) {
            return claimed == null;
        }
        return claimed != null && claimed.getBlockId() == lastBlock(file).getBlockId();
    }

    /** INVALID_BLOCK unless {@code claimed} names the file's last block. */
    static void requireLastBlock(InodeProto file, BlockProto claimed, String path, String what)
            throws HydraException {
        if (!isLastBlock(file, claimed)) {
            String actual = file.getBlocksCount() == 0 ? "the file has no block"
                    : "the file's last block is " + lastBlock(file).getBlockId();
            String named = claimed == null ? "no block" : "block " + claimed.getBlockId();
            throw new HydraException(ErrorCode.INVALID_BLOCK, what + " of " + path + " names " + named
                    + " but " + actual);
        }
    }

    /** Records the reported length of the last block ({@code reported} null = no block), and the file length. */
    static InodeProto.Builder withLastBlockLength(InodeProto file, BlockProto reported, String path)
            throws HydraException {
        InodeProto.Builder b = file.toBuilder();
        if (reported == null) {
            return b;
        }
        checkBlockLength(file, reported, path);
        int last = b.getBlocksCount() - 1;
        b.setBlocks(last, b.getBlocks(last).toBuilder().setNumBytes(reported.getNumBytes()));
        return b.setLength(totalLength(b.getBlocksList()));
    }

    /** INVALID_BLOCK when a reported block length exceeds the file's block size. */
    static void checkBlockLength(InodeProto file, BlockProto reported, String path) throws HydraException {
        // uint64 on the wire: a negative long is beyond any block size
        if (reported.getNumBytes() < 0 || reported.getNumBytes() > file.getBlockSize()) {
            throw new HydraException(ErrorCode.INVALID_BLOCK, "block " + reported.getBlockId() + " of " + path
                    + " reported " + Long.toUnsignedString(reported.getNumBytes())
                    + " bytes, more than the file's block size " + file.getBlockSize());
        }
    }

    /** Closes a file under construction: final length, no lease or recovery, mtime now; writes the inode. */
    static InodeProto close(OpContext ctx, InodeProto.Builder file) {
        LeaseTable.delete(ctx.writer(), file.getLeaseHolder(), file.getId());
        InodeProto closed = file
                .setLength(totalLength(file.getBlocksList()))
                .setUnderConstruction(false)
                .clearLeaseHolder()
                .clearRecoveryGenerationStamp()
                .clearRecoveryStartedMs()
                .clearRecoveryTruncates()
                .setMtimeMs(ctx.nowMs())
                .build();
        InodeTable.put(ctx.writer(), closed);
        return closed;
    }

    /** Moves the file's LEASES key from its current holder to {@code holder}; the caller writes the inode. */
    static void transferLease(OpContext ctx, InodeProto file, String holder) {
        if (file.getUnderConstruction()) {
            LeaseTable.delete(ctx.writer(), file.getLeaseHolder(), file.getId());
        }
        LeaseTable.put(ctx.writer(), holder, file.getId());
    }

    /** The offset of the file's last block: the sum of the blocks before it. */
    static long lastBlockOffset(InodeProto file) {
        return totalLength(file.getBlocksList()) - lastBlock(file).getNumBytes();
    }

    /** The file with its last block replaced; the file length follows. */
    static InodeProto.Builder withLastBlock(InodeProto file, BlockProto last) {
        InodeProto.Builder b = file.toBuilder().setBlocks(file.getBlocksCount() - 1, last);
        return b.setLength(totalLength(b.getBlocksList()));
    }

    static BlockProto lastBlock(InodeProto file) {
        return file.getBlocks(file.getBlocksCount() - 1);
    }

    static long totalLength(List<BlockProto> blocks) {
        long sum = 0;
        for (BlockProto b : blocks) {
            sum += b.getNumBytes();
        }
        return sum;
    }
}
