package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.FileStatusProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** setPermission, setOwner, setTimes, setReplication on alice's file /home/f (group staff). */
class SetAttributesTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "staff", "analysts");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob", "staff");

    @BeforeEach
    void makeAlicesFile() throws Exception {
        hdfs.mkdirs("/home");
        hdfs.setPermission("/home", 0777);
        alice.writeFile("/home/f", 100);
        hdfs.setOwner("/home/f", "", "staff");
    }

    @Test
    void setPermissionKeepsTwelveBitsAndLeavesTimesAlone() throws Exception {
        FileStatusProto before = alice.stat("/home/f");
        ctx.advanceClock(50);

        alice.setPermission("/home/f", 0177777);

        FileStatusProto after = alice.stat("/home/f");
        assertEquals(07777, after.getPermission());
        assertEquals(before.getMtimeMs(), after.getMtimeMs());
    }

    @Test
    void setPermissionByANonOwnerIsDeniedEvenWithWriteAccess() throws Exception {
        alice.setPermission("/home/f", 0666);
        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.setPermission("/home/f", 0777));
        assertTrue(e.getMessage().contains("not the owner"), e.getMessage());
    }

    @Test
    void setPermissionOfAMissingPathIsFileNotFound() {
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.setPermission("/home/none", 0777));
    }

    @Test
    void superuserGivesAFileToAnotherUserAndGroup() throws Exception {
        hdfs.setOwner("/home/f", "bob", "other");
        FileStatusProto s = hdfs.stat("/home/f");
        assertEquals("bob", s.getOwner());
        assertEquals("other", s.getGroup());
    }

    @Test
    void emptyOwnerOrGroupMeansUnchanged() throws Exception {
        hdfs.setOwner("/home/f", "carol", "");
        assertEquals("staff", hdfs.stat("/home/f").getGroup());
        hdfs.setOwner("/home/f", "", "g2");
        assertEquals("carol", hdfs.stat("/home/f").getOwner());
    }

    @Test
    void setOwnerWithNeitherOwnerNorGroupIsInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.setOwner("/home/f", "", ""));
    }

    @Test
    void ownerCannotGiveTheFileAway() {
        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.setOwner("/home/f", "bob", ""));
        assertTrue(e.getMessage().contains("superuser"), e.getMessage());
    }

    @Test
    void ownerMayNameItselfAsOwner() throws Exception {
        alice.setOwner("/home/f", "alice", "analysts");
        assertEquals("analysts", alice.stat("/home/f").getGroup());
    }

    @Test
    void ownerMayChangeTheGroupOnlyToOneItBelongsTo() throws Exception {
        alice.setOwner("/home/f", "", "analysts");
        assertEquals("analysts", alice.stat("/home/f").getGroup());
        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.setOwner("/home/f", "", "admins"));
        assertTrue(e.getMessage().contains("admins"), e.getMessage());
    }

    @Test
    void nonOwnerCannotChangeTheGroupEvenToItsOwn() {
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.setOwner("/home/f", "", "staff"));
    }

    @Test
    void setTimesChangesWhatIsGivenAndMinusOneKeepsTheRest() throws Exception {
        FileStatusProto before = alice.stat("/home/f");

        alice.setTimes("/home/f", 5_000, -1);
        assertEquals(5_000, alice.stat("/home/f").getMtimeMs());
        assertEquals(before.getAtimeMs(), alice.stat("/home/f").getAtimeMs());

        alice.setTimes("/home/f", -1, 7_000);
        assertEquals(5_000, alice.stat("/home/f").getMtimeMs());
        assertEquals(7_000, alice.stat("/home/f").getAtimeMs());
    }

    @Test
    void setTimesNeedsWriteAccessOrOwnership() throws Exception {
        alice.setPermission("/home/f", 0444);
        alice.setTimes("/home/f", 1, 1);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.setTimes("/home/f", 2, 2));
        alice.setPermission("/home/f", 0464);
        bob.setTimes("/home/f", 2, 2);
        assertEquals(2, bob.stat("/home/f").getMtimeMs());
    }

    @Test
    void setTimesBelowMinusOneIsInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.setTimes("/home/f", -2, -1));
    }

    @Test
    void setReplicationChangesAFile() throws Exception {
        assertTrue(alice.setReplication("/home/f", 7));
        assertEquals(7, alice.stat("/home/f").getReplication());
    }

    @Test
    void setReplicationOfADirectoryChangesNothing() throws Exception {
        ctx.store().clearWrites();
        assertFalse(hdfs.setReplication("/home", 2));
        assertTrue(ctx.store().writes().isEmpty());
    }

    @Test
    void setReplicationOutsideThePolicyRangeIsInvalidArgument() {
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.setReplication("/home/f", 0));
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> alice.setReplication("/home/f", 513));
    }

    @Test
    void setReplicationNeedsWriteOnTheFile() throws Exception {
        alice.setPermission("/home/f", 0644);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.setReplication("/home/f", 2));
    }

    @Test
    void setReplicationOfAMissingPathIsFileNotFound() {
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.setReplication("/home/none", 2));
    }
}
