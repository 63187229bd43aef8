package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.DirectoryQuotaProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Directory quotas, as HDFS's: a namespace quota limits how many files and directories a
 * subtree holds (the directory itself counts), a space quota how many bytes its files take,
 * replicas included.
 *
 * <p>Only directories with a quota track usage ({@link DirectoryQuotaProto}), and every op that
 * changes what a subtree holds charges the change to the quota directories above it, from the
 * path it already resolved: without quotas the cost is one field test per ancestor. An op that
 * grows a subtree first {@link #check checks} the change, before its first write, so one that
 * would take a directory past its quota fails (NAMESPACE_QUOTA_EXCEEDED or SPACE_QUOTA_EXCEEDED)
 * having written nothing; after its writes it {@link #charge charges} the change. Only growth is
 * refused: a directory already over its quota (set below its usage) can still shrink.
 *
 * <p>Space of a file: its length times its replication, except that a file being written
 * reserves its last block whole (block size times replication), as HDFS does, so a writer runs
 * into the quota when it asks for a block rather than after writing it. A file under lease
 * recovery no longer grows and counts its recorded lengths. Ops that finish or cut a file
 * (complete, abandon, lease recovery, truncate) are never refused: they release space, except
 * that a recovery may find more bytes on the replicas than were recorded, which it charges.
 *
 * <p>Charges re-read each quota directory before writing it, so an op that has already written
 * that directory (a new child count, an mtime) keeps its change: the batch's reads see its own
 * writes.
 */
final class Quotas {
    /** A limit of -1 is no limit; a request value of {@link #DONT_SET} leaves the limit as is. */
    static final long NONE = -1;
    static final long DONT_SET = Long.MAX_VALUE;
    private static final int PAGE = 1024;

    private Quotas() {
    }

    /** What a subtree holds: files and directories, and bytes times replication. */
    record Usage(long namespace, long space) {
        static final Usage ZERO = new Usage(0, 0);

        Usage plus(Usage o) {
            return new Usage(namespace + o.namespace, space + o.space);
        }

        Usage negated() {
            return new Usage(-namespace, -space);
        }

        boolean isZero() {
            return namespace == 0 && space == 0;
        }
    }

    /** The bytes a file counts against a space quota (0 for a directory); see the class comment. */
    static long spaceOf(InodeProto inode) {
        if (inode.getType() != InodeType.FILE) {
            return 0;
        }
        long bytes = OpenFiles.totalLength(inode.getBlocksList());
        boolean writing = inode.getUnderConstruction() && inode.getRecoveryGenerationStamp() == 0;
        if (writing && inode.getBlocksCount() > 0) {
            bytes += inode.getBlockSize() - OpenFiles.lastBlock(inode).getNumBytes();
        }
        return bytes * inode.getReplication();
    }

    /** One inode's own usage: 1 name, and a file's space. */
    static Usage usageOfInode(InodeProto inode) {
        return new Usage(1, spaceOf(inode));
    }

    /**
     * The usage of the subtree at {@code top}: read from the quota of any directory that has
     * one (top included), counted inode by inode below the others. No access checks: this is
     * accounting, not a listing.
     */
    static Usage usageOf(OpContext ctx, InodeProto top) {
        if (top.hasQuota()) {
            return usedBy(top.getQuota());
        }
        if (top.getType() != InodeType.DIRECTORY) {
            return usageOfInode(top);
        }
        long[] total = {0, 0};  // names, space
        Deque<InodeProto> dirs = new ArrayDeque<>();
        dirs.push(top);
        while (!dirs.isEmpty()) {
            InodeProto dir = dirs.pop();
            total[0]++;
            DirectoryEntries.forEach(ctx.reader, dir.getId(), PAGE, e -> {
                InodeProto child = InodeTable.require(ctx.reader, e.childId());
                if (child.getType() == InodeType.DIRECTORY && !child.hasQuota()) {
                    dirs.push(child);
                } else {
                    Usage u = child.hasQuota() ? usedBy(child.getQuota()) : usageOfInode(child);
                    total[0] += u.namespace();
                    total[1] += u.space();
                }
            });
        }
        return new Usage(total[0], total[1]);
    }

    /**
     * Fails if {@code delta} would take a quota directory among the first {@code upTo} inodes
     * of {@code rp} (the root is index 0) past its quota. Ops check before their first write,
     * so a refused op has written nothing.
     */
    static void check(OpContext ctx, ResolvedPath rp, int upTo, Usage delta) throws HydraException {
        if (delta.namespace() <= 0 && delta.space() <= 0) {
            return;
        }
        for (int i = 0; i < upTo; i++) {
            InodeProto dir = rp.inode(i);
            if (dir != null && dir.hasQuota()) {
                verify(current(ctx, dir.getId()), rp.pathOf(i), delta);
            }
        }
    }

    /** Adds {@code delta} to the usage of every quota directory among the first {@code upTo} inodes of {@code rp}. */
    static void charge(OpContext ctx, ResolvedPath rp, int upTo, Usage delta) {
        if (delta.isZero()) {
            return;
        }
        for (int i = 0; i < upTo; i++) {
            InodeProto dir = rp.inode(i);
            if (dir != null && dir.hasQuota()) {
                add(ctx, current(ctx, dir.getId()), delta);
            }
        }
    }

    /** How a file's change of space changes the usage above it. */
    static Usage fileDelta(InodeProto before, InodeProto after) {
        return new Usage(0, spaceOf(after) - spaceOf(before));
    }

    /** Charges a file's change of space to the quota directories above it (the file is rp's last inode). */
    static void fileChanged(OpContext ctx, ResolvedPath rp, InodeProto before, InodeProto after) {
        Invariants.check(before.getId() == after.getId(), "file %d charged as %d", before.getId(), after.getId());
        charge(ctx, rp, rp.depth(), fileDelta(before, after));
    }

    /**
     * Charges a file's change of space found by inode id rather than by path (recovery commits
     * come from blockstores, which name no path): walks up the parent ids. Never refused.
     */
    static void fileChangedById(OpContext ctx, InodeProto before, InodeProto after) {
        long delta = spaceOf(after) - spaceOf(before);
        if (delta == 0) {
            return;
        }
        for (long id = before.getParentId(); id != 0; ) {
            InodeProto dir = InodeTable.require(ctx.reader, id);
            if (dir.hasQuota()) {
                add(ctx, dir, new Usage(0, delta));
            }
            id = dir.getParentId();
        }
    }

    /**
     * A rename moves {@code moved}'s usage from the quota directories above the source alone to
     * those above the target alone; directories above both keep theirs. Checks the target's
     * side and returns the usage to move ({@link Usage#ZERO} when no quota directory is above
     * one side alone: the moved subtree is measured only otherwise).
     */
    static Usage checkMove(OpContext ctx, ResolvedPath src, ResolvedPath target, InodeProto moved)
            throws HydraException {
        Set<Long> aboveSource = quotaDirectories(src);
        Set<Long> aboveTarget = quotaDirectories(target);
        if (aboveSource.equals(aboveTarget)) {
            return Usage.ZERO;
        }
        Usage usage = usageOf(ctx, moved);
        for (int i = 0; i < target.depth(); i++) {
            InodeProto dir = target.inode(i);
            if (dir.hasQuota() && !aboveSource.contains(dir.getId())) {
                verify(current(ctx, dir.getId()), target.pathOf(i), usage);
            }
        }
        return usage;
    }

    /** Moves the usage {@link #checkMove} returned, after the rename's writes. */
    static void chargeMove(OpContext ctx, ResolvedPath src, ResolvedPath target, Usage usage) {
        if (usage.isZero()) {
            return;
        }
        Set<Long> aboveSource = quotaDirectories(src);
        Set<Long> aboveTarget = quotaDirectories(target);
        for (int i = 0; i < src.depth(); i++) {
            InodeProto dir = src.inode(i);
            if (dir.hasQuota() && !aboveTarget.contains(dir.getId())) {
                add(ctx, current(ctx, dir.getId()), usage.negated());
            }
        }
        for (int i = 0; i < target.depth(); i++) {
            InodeProto dir = target.inode(i);
            if (dir.hasQuota() && !aboveSource.contains(dir.getId())) {
                add(ctx, current(ctx, dir.getId()), usage);
            }
        }
    }

    /** The usage a quota records. */
    static Usage usedBy(DirectoryQuotaProto q) {
        return new Usage(q.getNamespaceUsed(), q.getSpaceUsed());
    }

    private static Set<Long> quotaDirectories(ResolvedPath rp) {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < rp.depth(); i++) {
            InodeProto dir = rp.inode(i);
            if (dir.hasQuota()) {
                ids.add(dir.getId());
            }
        }
        return ids;
    }

    private static InodeProto current(OpContext ctx, long id) {
        InodeProto dir = InodeTable.require(ctx.reader, id);
        Invariants.check(dir.hasQuota(), "quota directory %d lost its quota within an op", id);
        return dir;
    }

    private static void verify(InodeProto dir, String path, Usage delta) throws HydraException {
        DirectoryQuotaProto q = dir.getQuota();
        if (isViolated(q.getNamespaceQuota(), q.getNamespaceUsed(), delta.namespace())) {
            throw new HydraException(ErrorCode.NAMESPACE_QUOTA_EXCEEDED, "the namespace quota of " + path
                    + " is exceeded: quota " + q.getNamespaceQuota() + " files and directories, "
                    + (q.getNamespaceUsed() + delta.namespace()) + " with this change");
        }
        if (isViolated(q.getSpaceQuota(), q.getSpaceUsed(), delta.space())) {
            throw new HydraException(ErrorCode.SPACE_QUOTA_EXCEEDED, "the space quota of " + path
                    + " is exceeded: quota " + q.getSpaceQuota() + " bytes, " + (q.getSpaceUsed() + delta.space())
                    + " bytes (replicas included) with this change");
        }
    }

    private static boolean isViolated(long quota, long used, long delta) {
        return quota != NONE && delta > 0 && used + delta > quota;
    }

    private static void add(OpContext ctx, InodeProto dir, Usage delta) {
        DirectoryQuotaProto q = dir.getQuota();
        long names = q.getNamespaceUsed() + delta.namespace();
        long space = q.getSpaceUsed() + delta.space();
        Invariants.check(names >= 1 && space >= 0, "quota usage of directory %d would become %d names, %d bytes",
                dir.getId(), names, space);
        InodeTable.put(ctx.writer(), dir.toBuilder()
                .setQuota(q.toBuilder().setNamespaceUsed(names).setSpaceUsed(space))
                .build());
    }
}
