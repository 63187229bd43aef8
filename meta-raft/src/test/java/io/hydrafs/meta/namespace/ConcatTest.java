package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.meta.namespace.NamespaceTestContext.withLength;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** concat(target, srcs) as HDFS has it: blocks change owner, the sources go, nothing is copied. */
class ConcatTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "staff");

    @Test
    void theSourcesBlocksFollowTheTargetsInTheOrderGivenAndTheSourcesAreGone() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.writeFile("/d/t", 100, 50);
        hdfs.writeFile("/d/s1", 30);
        hdfs.writeFile("/d/s2", 20, 10);
        List<Long> expected = new ArrayList<>(ctx.blockIds("/d/t"));
        expected.addAll(ctx.blockIds("/d/s2"));
        expected.addAll(ctx.blockIds("/d/s1"));
        ctx.advanceClock(7);

        hdfs.concat("/d/t", "/d/s2", "/d/s1");

        assertEquals(expected, ctx.blockIds("/d/t"));
        assertEquals(210, hdfs.stat("/d/t").getLength());
        assertFalse(ctx.exists("/d/s1"));
        assertFalse(ctx.exists("/d/s2"));
        assertEquals(List.of("t"), hdfs.names("/d"));
        assertEquals(1, hdfs.stat("/d").getChildCount());
        assertEquals(ctx.now(), hdfs.stat("/d/t").getMtimeMs());
        assertEquals(ctx.now(), hdfs.stat("/d").getMtimeMs());
        assertTrue(ctx.removedBlocks().isEmpty(), "moved blocks are not removed: " + ctx.removedBlocks());
    }

    @Test
    void eachBlockOfTheJoinedFileIsLocatedAtTheSumOfTheLengthsBeforeIt() throws Exception {
        hdfs.writeFile("/t", 100);
        hdfs.writeFile("/s", 30, 5);

        hdfs.concat("/t", "/s");

        List<Long> offsets = hdfs.locations("/t", 0, 0).getBlocksList().stream()
                .map(LocatedBlockProto::getOffset).toList();
        assertEquals(List.of(0L, 100L, 130L), offsets);
        List<LocatedBlockProto> fromMiddle = hdfs.locations("/t", 120, 12).getBlocksList();
        assertEquals(List.of(100L, 130L), fromMiddle.stream().map(LocatedBlockProto::getOffset).toList());
    }

    @Test
    void anEmptyTargetTakesTheSourcesBlocks() throws Exception {
        hdfs.writeFile("/t");
        hdfs.writeFile("/s", 40);

        hdfs.concat("/t", "/s");

        assertEquals(40, hdfs.stat("/t").getLength());
        assertEquals(1, ctx.inode("/t").getBlocksCount());
    }

    @Test
    void anAppendToTheJoinedFileContinuesInTheLastSourcesPartialBlock() throws Exception {
        hdfs.writeFile("/t", 1 << 20);
        hdfs.writeFile("/s", 10);
        long lastOfSource = ctx.blockIds("/s").get(0);
        hdfs.concat("/t", "/s");

        AppendResponse reopened = hdfs.append("/t");

        assertEquals(lastOfSource, reopened.getLast().getBlock().getBlockId());
        assertEquals(1 << 20, reopened.getLast().getOffset());
    }

    @Test
    void noSourceIsInvalidArgument() throws Exception {
        hdfs.writeFile("/t", 10);
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.concat("/t"));
    }

    @Test
    void aMissingTargetOrSourceIsFileNotFound() throws Exception {
        hdfs.writeFile("/s", 10);
        hdfs.writeFile("/t", 10);
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.concat("/missing", "/s"));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.concat("/t", "/s", "/missing"));
        assertTrue(ctx.exists("/s"), "a failed concat leaves its sources");
    }

    @Test
    void aDirectoryAsTargetOrSourceIsIsADirectory() throws Exception {
        hdfs.mkdirs("/dir");
        hdfs.writeFile("/t", 10);
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> hdfs.concat("/dir", "/t"));
        assertFails(ErrorCode.IS_A_DIRECTORY, () -> hdfs.concat("/t", "/dir"));
    }

    @Test
    void aTargetBeingWrittenIsInvalidArgument() throws Exception {
        hdfs.create("/t");
        hdfs.writeFile("/s", 10);
        HydraException e = assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.concat("/t", "/s"));
        assertTrue(e.getMessage().contains(hdfs.clientName()), e.getMessage());
    }

    @Test
    void sourcesHdfsRefusesAreInvalidArgumentAndNothingChanges() throws Exception {
        hdfs.mkdirs("/other");
        hdfs.writeFile("/t", 10);
        hdfs.writeFile("/other/s", 10);
        hdfs.writeFile("/s", 10);
        hdfs.writeFile("/empty");
        hdfs.create("/open");
        hdfs.create(hdfs.newCreate("/big").setBlockSize(2 << 20));
        hdfs.complete("/big", withLength(hdfs.addBlock("/big", null), 10));

        assertInvalid("not in the target's directory", () -> hdfs.concat("/t", "/other/s"));
        assertInvalid("the target itself", () -> hdfs.concat("/t", "/s", "/t"));
        assertInvalid("more than once", () -> hdfs.concat("/t", "/s", "/s"));
        assertInvalid("empty", () -> hdfs.concat("/t", "/empty"));
        assertInvalid("being written", () -> hdfs.concat("/t", "/open"));
        assertInvalid("block size", () -> hdfs.concat("/t", "/big"));
        assertEquals(10, hdfs.stat("/t").getLength());
        assertTrue(ctx.exists("/s"));
    }

    private static void assertInvalid(String why, org.junit.jupiter.api.function.Executable concat) {
        HydraException e = assertFails(ErrorCode.INVALID_ARGUMENT, concat);
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void aSourceWithSmallerBlocksIsAccepted() throws Exception {
        hdfs.create(hdfs.newCreate("/small").setBlockSize(1 << 10));
        hdfs.complete("/small", withLength(hdfs.addBlock("/small", null), 10));
        hdfs.writeFile("/t", 10);

        hdfs.concat("/t", "/small");

        assertEquals(20, hdfs.stat("/t").getLength());
        assertEquals(1 << 20, hdfs.stat("/t").getBlockSize());
    }

    @Test
    void theCallerNeedsWriteOnTheTargetReadOnTheSourcesAndWriteOnTheDirectory() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.setOwner("/d", "alice", "staff");
        alice.writeFile("/d/t", 10);
        alice.writeFile("/d/s", 10);

        hdfs.setPermission("/d/t", 0444);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.concat("/d/t", "/d/s"));
        hdfs.setPermission("/d/t", 0644);
        hdfs.setPermission("/d/s", 0200);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.concat("/d/t", "/d/s"));
        hdfs.setPermission("/d/s", 0644);
        hdfs.setPermission("/d", 0555);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.concat("/d/t", "/d/s"));

        hdfs.setPermission("/d", 0755);
        alice.concat("/d/t", "/d/s");
        assertEquals(20, alice.stat("/d/t").getLength());
    }

    @Test
    void aStickyDirectoryKeepsOtherUsersSourcesFromBeingConcatenatedAway() throws Exception {
        hdfs.mkdirs("/tmp");
        hdfs.setPermission("/tmp", 01777);
        hdfs.writeFile("/tmp/theirs", 10);
        hdfs.setPermission("/tmp/theirs", 0644);
        alice.writeFile("/tmp/t", 10);

        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.concat("/tmp/t", "/tmp/theirs"));
        assertTrue(e.getMessage().contains("sticky"), e.getMessage());
    }

    @Test
    void theJoinedFileKeepsTheTargetsAttributes() throws Exception {
        hdfs.create(hdfs.newCreate("/t").setReplication(2).setPermission(0600));
        hdfs.complete("/t", withLength(hdfs.addBlock("/t", null), 10));
        hdfs.create(hdfs.newCreate("/s").setReplication(3));
        hdfs.complete("/s", withLength(hdfs.addBlock("/s", null), 10));
        InodeProto before = ctx.inode("/t");

        hdfs.concat("/t", "/s");

        InodeProto after = ctx.inode("/t");
        assertEquals(before.getId(), after.getId());
        assertEquals(2, after.getReplication());
        assertEquals(before.getPermission(), after.getPermission());
        assertEquals(before.getOwner(), after.getOwner());
    }
}
