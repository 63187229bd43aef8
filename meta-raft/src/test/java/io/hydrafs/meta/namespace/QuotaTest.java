package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.DirectoryQuotaProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Directory quotas as HDFS has them: names (the directory itself counts) and bytes times
 * replication, a file being written reserving its last block whole. Every op in these tests also
 * runs the namespace check, which recounts each quota directory's usage.
 */
class QuotaTest {
    private static final long BLOCK = 1024;
    private static final int REPLICATION = 2;
    private static final long NONE = Quotas.NONE;
    private static final long KEEP = Quotas.DONT_SET;

    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();

    @BeforeEach
    void quotaDirectory() throws Exception {
        hdfs.mkdirs("/q");
    }

    // ---- setting quotas ----

    @Test
    void theFirstQuotaMeasuresWhatTheDirectoryAlreadyHolds() throws Exception {
        hdfs.mkdirs("/q/a/b");
        writeFile("/q/a/f", 100, 50);

        hdfs.setQuota("/q", 100, NONE);

        assertEquals(quota(100, 4, NONE, 150 * REPLICATION), quotaOf("/q"));
    }

    @Test
    void aNestedQuotaDirectoryCountsOnceInTheOuterMeasure() throws Exception {
        hdfs.mkdirs("/q/inner/x");
        hdfs.setQuota("/q/inner", 10, NONE);
        writeFile("/q/inner/x/f", 10);

        hdfs.setQuota("/q", NONE, 10_000);

        assertEquals(quota(NONE, 4, 10_000, 10 * REPLICATION), quotaOf("/q"));
    }

    @Test
    void keepingOneLimitChangesOnlyTheOther() throws Exception {
        hdfs.setQuota("/q", 5, 1000);

        hdfs.setQuota("/q", KEEP, 2000);

        assertEquals(quota(5, 1, 2000, 0), quotaOf("/q"));
    }

    @Test
    void clearingBothLimitsStopsTracking() throws Exception {
        hdfs.setQuota("/q", 5, 1000);

        hdfs.setQuota("/q", NONE, NONE);

        assertFalse(ctx.inode("/q").hasQuota());
        assertFalse(hdfs.summary("/q").hasQuota());
    }

    @Test
    void theSummaryReportsTheQuotaAndItsUsage() throws Exception {
        hdfs.setQuota("/q", 5, 1_000_000);
        hdfs.mkdirs("/q/d");

        assertEquals(quota(5, 2, 1_000_000, 0), hdfs.summary("/q").getQuota());
    }

    @Test
    void onlyTheSuperuserSetsQuotas() throws Exception {
        NamespaceTestContext.Actor alice = ctx.asUser("alice");
        hdfs.setOwner("/q", "alice", "staff");

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.setQuota("/q", 5, NONE));
        assertFalse(ctx.inode("/q").hasQuota());
    }

    @Test
    void aQuotaIsSetOnDirectoriesOnlyWithValidValues() throws Exception {
        writeFile("/q/f", 10);

        assertFails(ErrorCode.NOT_A_DIRECTORY, () -> hdfs.setQuota("/q/f", 5, NONE));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.setQuota("/q", -2, NONE));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.setQuota("/q", NONE, -5));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.setQuota("/missing", 5, NONE));
    }

    @Test
    void aQuotaBelowTheUsageIsAcceptedAndThenOnlyShrinkingWorks() throws Exception {
        hdfs.mkdirs("/q/a");
        hdfs.mkdirs("/q/b");

        hdfs.setQuota("/q", 2, NONE);

        assertFails(ErrorCode.NAMESPACE_QUOTA_EXCEEDED, () -> hdfs.mkdirs("/q/c"));
        assertTrue(hdfs.delete("/q/a", false));
        assertEquals(2, quotaOf("/q").getNamespaceUsed());
    }

    // ---- namespace quota ----

    @Test
    void theNamespaceQuotaCountsTheDirectoryItselfAndEveryNameBelow() throws Exception {
        hdfs.setQuota("/q", 3, NONE);
        hdfs.mkdirs("/q/a");
        hdfs.create("/q/f");

        HydraException e = assertFails(ErrorCode.NAMESPACE_QUOTA_EXCEEDED, () -> hdfs.mkdirs("/q/b"));

        assertTrue(e.getMessage().contains("/q"), e.getMessage());
        assertFalse(ctx.exists("/q/b"));
        assertEquals(3, quotaOf("/q").getNamespaceUsed());
    }

    @Test
    void mkdirsCountsEveryDirectoryItCreates() throws Exception {
        hdfs.setQuota("/q", 3, NONE);

        assertFails(ErrorCode.NAMESPACE_QUOTA_EXCEEDED, () -> hdfs.mkdirs("/q/a/b/c"));
        assertFalse(ctx.exists("/q/a"));

        hdfs.mkdirs("/q/a/b");
        assertEquals(3, quotaOf("/q").getNamespaceUsed());
    }

    @Test
    void everyQuotaDirectoryAboveAChangeIsChargedAndChecked() throws Exception {
        hdfs.mkdirs("/q/inner");
        hdfs.setQuota("/q", 3, NONE);
        hdfs.setQuota("/q/inner", 10, NONE);
        hdfs.mkdirs("/q/inner/a");

        assertFails(ErrorCode.NAMESPACE_QUOTA_EXCEEDED, () -> hdfs.create(hdfs.newCreate("/q/inner/a/f")));

        assertEquals(2, quotaOf("/q/inner").getNamespaceUsed());
        assertEquals(3, quotaOf("/q").getNamespaceUsed());
    }

    @Test
    void overwritingAFileAddsNoNameAndReleasesItsSpace() throws Exception {
        hdfs.setQuota("/q", 2, NONE);
        writeFile("/q/f", 100);

        hdfs.create(hdfs.newCreate("/q/f").setOverwrite(true));

        assertEquals(quota(2, 2, NONE, 0), quotaOf("/q"));
    }

    @Test
    void aRecursiveDeleteReleasesTheWholeSubtree() throws Exception {
        hdfs.setQuota("/q", 100, 100_000);
        hdfs.mkdirs("/q/a/b");
        writeFile("/q/a/b/f", 300);

        assertTrue(hdfs.delete("/q/a", true));

        assertEquals(quota(100, 1, 100_000, 0), quotaOf("/q"));
    }

    // ---- rename ----

    @Test
    void aRenameIntoAQuotaDirectoryIsCheckedAndRefusedWhole() throws Exception {
        hdfs.setQuota("/q", 2, NONE);
        hdfs.mkdirs("/src/a/b");

        assertFails(ErrorCode.NAMESPACE_QUOTA_EXCEEDED, () -> hdfs.rename("/src/a", "/q/a"));

        assertTrue(ctx.exists("/src/a/b"));
        assertFalse(ctx.exists("/q/a"));
    }

    @Test
    void aRenameMovesUsageBetweenQuotaDirectoriesAndKeepsItWithinOne() throws Exception {
        hdfs.mkdirs("/q/x/sub");
        hdfs.mkdirs("/other");
        writeFile("/q/x/sub/f", 10);
        hdfs.setQuota("/q", 10, NONE);
        hdfs.setQuota("/other", 10, NONE);

        hdfs.rename("/q/x/sub", "/q/sub");
        assertEquals(4, quotaOf("/q").getNamespaceUsed());

        hdfs.rename("/q/sub", "/other/sub");
        assertEquals(quota(10, 2, NONE, 0), quotaOf("/q"));
        assertEquals(quota(10, 3, NONE, 10 * REPLICATION), quotaOf("/other"));
    }

    @Test
    void aRenamedQuotaDirectoryCarriesItsRecordedUsage() throws Exception {
        hdfs.mkdirs("/q/inner/a");
        hdfs.setQuota("/q/inner", 10, NONE);
        hdfs.mkdirs("/other");
        hdfs.setQuota("/other", 5, NONE);

        hdfs.rename("/q/inner", "/other/inner");

        assertEquals(3, quotaOf("/other").getNamespaceUsed());
        assertEquals(2, quotaOf("/other/inner").getNamespaceUsed());
    }

    // ---- space quota ----

    @Test
    void aWriterReservesItsLastBlockWholeAndCompleteReleasesTheRest() throws Exception {
        hdfs.setQuota("/q", NONE, 10 * BLOCK * REPLICATION);
        open("/q/f");

        LocatedBlockProto first = hdfs.addBlock("/q/f", null);
        assertEquals(BLOCK * REPLICATION, quotaOf("/q").getSpaceUsed());

        hdfs.complete("/q/f", withLength(first, 100));
        assertEquals(100 * REPLICATION, quotaOf("/q").getSpaceUsed());
    }

    @Test
    void aBlockThatWouldPassTheSpaceQuotaIsRefused() throws Exception {
        hdfs.setQuota("/q", NONE, 2 * BLOCK * REPLICATION);
        open("/q/f");
        BlockProto first = withLength(hdfs.addBlock("/q/f", null), BLOCK);
        BlockProto second = withLength(hdfs.addBlock("/q/f", first), BLOCK);

        HydraException e = assertFails(ErrorCode.SPACE_QUOTA_EXCEEDED, () -> hdfs.addBlock("/q/f", second));

        assertTrue(e.getMessage().contains("/q"), e.getMessage());
        assertEquals(2, ctx.inode("/q/f").getBlocksCount());
        assertTrue(hdfs.complete("/q/f", second));
        assertEquals(2 * BLOCK * REPLICATION, quotaOf("/q").getSpaceUsed());
    }

    @Test
    void abandoningABlockReleasesItsReservation() throws Exception {
        hdfs.setQuota("/q", NONE, 10 * BLOCK * REPLICATION);
        open("/q/f");
        LocatedBlockProto block = hdfs.addBlock("/q/f", null);

        hdfs.abandonBlock("/q/f", hdfs.clientName(), block.getBlock());

        assertEquals(0, quotaOf("/q").getSpaceUsed());
    }

    @Test
    void moreReplicasMustFitTheSpaceQuotaFewerAlwaysDo() throws Exception {
        writeFile("/q/f", 100);
        hdfs.setQuota("/q", NONE, 100 * REPLICATION + 50);

        assertFails(ErrorCode.SPACE_QUOTA_EXCEEDED, () -> hdfs.setReplication("/q/f", REPLICATION + 1));
        assertTrue(hdfs.setReplication("/q/f", 1));

        assertEquals(100, quotaOf("/q").getSpaceUsed());
    }

    @Test
    void appendReservesTheRestOfAPartialLastBlock() throws Exception {
        writeFile("/q/f", 100);
        hdfs.setQuota("/q", NONE, BLOCK * REPLICATION);

        hdfs.append("/q/f");

        assertEquals(BLOCK * REPLICATION, quotaOf("/q").getSpaceUsed());
    }

    @Test
    void appendIsRefusedWhenTheReservationDoesNotFit() throws Exception {
        writeFile("/q/f", 100);
        hdfs.setQuota("/q", NONE, BLOCK * REPLICATION - 1);

        assertFails(ErrorCode.SPACE_QUOTA_EXCEEDED, () -> hdfs.append("/q/f"));
        assertFalse(ctx.inode("/q/f").getUnderConstruction());
    }

    @Test
    void truncateIsNeverRefusedAndReleasesSpace() throws Exception {
        writeFile("/q/f", BLOCK, 500);
        writeFile("/q/g", BLOCK, 10);
        hdfs.setQuota("/q", NONE, 1);

        assertTrue(hdfs.truncate("/q/g", BLOCK).getClosed());
        assertFalse(hdfs.truncate("/q/f", BLOCK + 100).getClosed());

        assertEquals((BLOCK + BLOCK + 100) * REPLICATION, quotaOf("/q").getSpaceUsed());
    }

    @Test
    void leaseRecoveryCountsRecordedLengthsAndItsCommitTheRecoveredOnes() throws Exception {
        hdfs.setQuota("/q", NONE, 10 * BLOCK * REPLICATION);
        open("/q/f");
        LocatedBlockProto block = hdfs.addBlock("/q/f", null);

        assertFalse(ctx.expireLease("/q/f", hdfs.clientName()));
        assertEquals(0, quotaOf("/q").getSpaceUsed());

        BlockProto recovering = ctx.inode("/q/f").getBlocks(0).toBuilder()
                .setGenerationStamp(ctx.inode("/q/f").getRecoveryGenerationStamp()).setNumBytes(300).build();
        hdfs.commitBlockRecovery(ctx.inode("/q/f").getId(), recovering, false);
        assertEquals(300 * REPLICATION, quotaOf("/q").getSpaceUsed());
        assertEquals(block.getBlock().getBlockId(), ctx.inode("/q/f").getBlocks(0).getBlockId());
    }

    @Test
    void concatReleasesTheSourcesNamesAndKeepsTheirBytes() throws Exception {
        writeFile("/q/t", BLOCK);
        writeFile("/q/s1", 100);
        writeFile("/q/s2", 200);
        hdfs.setQuota("/q", 10, 100_000);

        hdfs.concat("/q/t", "/q/s1", "/q/s2");

        assertEquals(quota(10, 2, 100_000, (BLOCK + 300) * REPLICATION), quotaOf("/q"));
    }

    // ---- helpers ----

    private void open(String path) throws HydraException {
        hdfs.create(hdfs.newCreate(path).setBlockSize(BLOCK).setReplication(REPLICATION));
    }

    private void writeFile(String path, long... blockLengths) throws HydraException {
        open(path);
        BlockProto previous = null;
        for (long length : blockLengths) {
            previous = withLength(hdfs.addBlock(path, previous), length);
        }
        hdfs.complete(path, previous);
    }

    private DirectoryQuotaProto quotaOf(String path) {
        assertTrue(ctx.inode(path).hasQuota(), path + " has no quota");
        return ctx.inode(path).getQuota();
    }

    private static DirectoryQuotaProto quota(long names, long namesUsed, long space, long spaceUsed) {
        return DirectoryQuotaProto.newBuilder().setNamespaceQuota(names).setNamespaceUsed(namesUsed)
                .setSpaceQuota(space).setSpaceUsed(spaceUsed).build();
    }
}
