package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;

/**
 * Taking a file away from a writer that is gone, whoever holds its lease.
 *
 * <p>recover_lease comes from a client (needs WRITE on the file, as HDFS); expire_lease comes
 * from the leader when the holder's hard limit passed (no permission check). A closed file
 * answers closed=true with no write. A file without blocks closes at once (closed=true). A file
 * with blocks needs block recovery, since only the blockstores know how many bytes of its last
 * block were written: the op starts an attempt and answers closed=false with the block to
 * recover and the inode id; the leader orders a replica to recover it, and
 * commit_block_recovery closes the file (see {@link CommitBlockRecoveryOp}).
 *
 * <p>An attempt: a new generation stamp (the recovery id) is recorded as the inode's
 * recovery_generation_stamp, and the lease passes to {@link LeaseHolders#RECOVERY}, so the former
 * writer can no longer add, complete or abandon blocks (LEASE_EXPIRED). The stored last block
 * keeps its stamp until the commit: its replicas are not stale while they are being recovered,
 * and readers still find them. The answer's {@code recovering} carries the recovery stamp, which
 * the replicas take when recovery finalizes them. An expire of a file in recovery (the leader's
 * retry of a stalled attempt) starts a new attempt with a newer stamp, and so does a client's
 * recover once {@link #CLIENT_RETRY_AFTER_MS} passed; the commit of an older attempt is then
 * refused. A client's recover sooner answers the attempt under way.
 *
 * <p>expire_lease names the expired holder: if the file now has another holder (the leader's
 * soft state was stale), it is left alone and the answer is closed=false without a block.
 */
final class LeaseRecoveryOp {
    /**
     * A client's recoverLease within this time of the current attempt's start does not start
     * another: it answers the attempt under way (as HDFS), so a client polling recoverLease does
     * not keep voiding the recovery it is waiting for.
     */
    static final long CLIENT_RETRY_AFTER_MS = 30_000;

    private LeaseRecoveryOp() {
    }

    static RecoverLeaseResponse recover(OpContext ctx, RecoverLeaseRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto file = OpenFiles.requireFile(rp);
        ctx.access.check(file, rp.path(), Access.WRITE);
        if (!file.getUnderConstruction()) {
            return closed(true);
        }
        if (file.getRecoveryGenerationStamp() != 0
                && ctx.nowMs() - file.getRecoveryStartedMs() < CLIENT_RETRY_AFTER_MS) {
            return inProgress(file, file.getRecoveryGenerationStamp());
        }
        return takeOver(ctx, file);
    }

    static RecoverLeaseResponse expire(OpContext ctx, RecoverLeaseRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto file = OpenFiles.requireFile(rp);
        if (!file.getUnderConstruction()) {
            return closed(true);
        }
        String expiredHolder = req.getClientName();
        if (!expiredHolder.isEmpty() && !expiredHolder.equals(file.getLeaseHolder())) {
            return closed(false);
        }
        return takeOver(ctx, file);
    }

    private static RecoverLeaseResponse takeOver(OpContext ctx, InodeProto file) {
        if (file.getBlocksCount() == 0) {
            OpenFiles.close(ctx, file.toBuilder());
            return closed(true);
        }
        long recoveryStamp = Counters.allocateGenerationStamp(ctx.writer());
        OpenFiles.transferLease(ctx, file, LeaseHolders.RECOVERY);
        InodeProto recovering = file.toBuilder()
                .setLeaseHolder(LeaseHolders.RECOVERY)
                .setRecoveryGenerationStamp(recoveryStamp)
                .setRecoveryStartedMs(ctx.nowMs())
                .build();
        InodeTable.put(ctx.writer(), recovering);
        Quotas.fileChangedById(ctx, file, recovering);
        return inProgress(file, recoveryStamp);
    }

    private static RecoverLeaseResponse inProgress(InodeProto file, long recoveryStamp) {
        BlockProto recovering = OpenFiles.lastBlock(file).toBuilder().setGenerationStamp(recoveryStamp).build();
        return RecoverLeaseResponse.newBuilder()
                .setClosed(false)
                .setRecovering(recovering)
                .setInodeId(file.getId())
                .setTruncate(file.getRecoveryTruncates())
                .build();
    }

    private static RecoverLeaseResponse closed(boolean closed) {
        return RecoverLeaseResponse.newBuilder().setClosed(closed).build();
    }
}
