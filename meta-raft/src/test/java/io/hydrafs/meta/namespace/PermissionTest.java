package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The POSIX permission model as HDFS applies it: one class per caller (owner, else group, else
 * other), the access each operation needs, the superuser, and the sticky bit.
 *
 * <p>Cast: /d is owned by alice, group staff. bob is in staff, carol is not; dave is in the
 * supergroup; hdfs is the superuser.
 */
class PermissionTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "staff");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob", "staff");
    private final NamespaceTestContext.Actor carol = ctx.asUser("carol", "others");

    @BeforeEach
    void makeAlicesDirectory() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.setOwner("/d", "alice", "staff");
    }

    private NamespaceTestContext.Actor actor(String name) {
        return switch (name) {
            case "alice" -> alice;
            case "bob" -> bob;
            case "carol" -> carol;
            case "dave" -> ctx.asUser("dave", NamespaceTestContext.SUPERGROUP);
            case "hdfs" -> hdfs;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Creating in /d needs WRITE+EXECUTE on /d, taken from the caller's one class. */
    @ParameterizedTest(name = "mode {0}: {1} may create in /d: {2}")
    @CsvSource({
            "0700, alice, true",
            "0700, bob,   false",
            "0700, carol, false",
            "0070, alice, false",   // the owner class decides even when group would allow
            "0070, bob,   true",
            "0070, carol, false",
            "0007, alice, false",
            "0007, bob,   false",   // a group member is judged by the group bits only
            "0007, carol, true",
            "0300, alice, true",    // -wx is enough
            "0500, alice, false",   // r-x lacks write
            "0600, alice, false",   // rw- lacks execute
            "0000, hdfs,  true",    // the superuser passes every check
            "0000, dave,  true",    // and so does any member of the supergroup
    })
    void createNeedsWriteAndExecuteInTheCallersClass(String mode, String who, boolean allowed) throws Exception {
        hdfs.setPermission("/d", Integer.parseInt(mode, 8));
        NamespaceTestContext.Actor actor = actor(who);
        if (allowed) {
            actor.create("/d/f");
            assertTrue(ctx.exists("/d/f"));
        } else {
            assertFails(ErrorCode.PERMISSION_DENIED, () -> actor.create("/d/f"));
        }
    }

    @Test
    void deniedMessageNamesUserAccessAndInodeLikeHdfs() throws Exception {
        hdfs.setPermission("/d", 0755);
        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.mkdirs("/d/x"));
        assertEquals("Permission denied: user=bob, access=WRITE_EXECUTE, inode=\"/d\":alice:staff:drwxr-xr-x",
                e.detail());
    }

    @Test
    void traversingADirectoryNeedsExecuteOnIt() throws Exception {
        alice.create("/d/f");
        alice.setPermission("/d", 0766);

        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.stat("/d/f"));
        assertTrue(e.getMessage().contains("access=EXECUTE"), e.getMessage());
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.stat("/d/missing"),
                "no execute, no knowing whether a name exists");
        bob.stat("/d");
    }

    @Test
    void getFileStatusNeedsOnlyTraverseNotAccessToTheFile() throws Exception {
        alice.create("/d/secret");
        alice.setPermission("/d/secret", 0);
        alice.setPermission("/d", 0711);
        assertEquals("alice", carol.stat("/d/secret").getOwner());
    }

    @Test
    void listingADirectoryNeedsReadAndExecuteOnIt() throws Exception {
        alice.create("/d/f");
        alice.setPermission("/d", 0751);
        bob.list("/d");
        assertFails(ErrorCode.PERMISSION_DENIED, () -> carol.list("/d"));
        alice.setPermission("/d", 0754);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> carol.list("/d"), "read without execute is not enough");
    }

    @Test
    void listingAFileNeedsNoReadAccessToIt() throws Exception {
        alice.create("/d/f");
        alice.setPermission("/d/f", 0);
        assertEquals(1, carol.list("/d/f").getEntriesCount());
    }

    @Test
    void renameNeedsWriteAndExecuteOnBothParents() throws Exception {
        hdfs.mkdirs("/open");
        hdfs.setPermission("/open", 0777);
        alice.create("/d/f");
        alice.setPermission("/d", 0777);
        hdfs.mkdirs("/closed");

        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.rename("/d/f", "/closed/f"), "destination parent");
        alice.setPermission("/d", 0755);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.rename("/d/f", "/open/f"), "source parent");
        alice.setPermission("/d", 0777);
        assertEquals("/open/f", bob.rename("/d/f", "/open/f"));
    }

    @Test
    void stickyDirectoryLetsOnlyTheChildsOwnerTheDirectorysOwnerOrTheSuperuserRemoveAChild() throws Exception {
        alice.setPermission("/d", 01777);
        bob.create("/d/bobs");
        carol.create("/d/carols");
        carol.create("/d/carols2");
        carol.create("/d/carols3");

        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.delete("/d/carols", false));
        assertTrue(e.getMessage().contains("sticky bit"), e.getMessage());
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.rename("/d/carols", "/d/mine"));
        assertTrue(bob.delete("/d/bobs", false), "the child's owner");
        assertTrue(alice.delete("/d/carols", false), "the directory's owner");
        assertTrue(hdfs.delete("/d/carols2", false), "the superuser");
        assertEquals("/d/moved", carol.rename("/d/carols3", "/d/moved"));
    }

    @Test
    void setPermissionIsForTheOwnerOrTheSuperuser() throws Exception {
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.setPermission("/d", 0777));
        alice.setPermission("/d", 0700);
        hdfs.setPermission("/d", 0750);
        assertEquals(0750, hdfs.stat("/d").getPermission());
    }

    @Test
    void contentSummaryNeedsReadAndExecuteOnEveryDirectoryOfTheSubtree() throws Exception {
        alice.mkdirs("/d/inner/deeper");
        alice.setPermission("/d", 0755);
        carol.summary("/d");
        alice.setPermission("/d/inner/deeper", 0700);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> carol.summary("/d"));
    }

    @Test
    void blockLocationsNeedReadOnTheFile() throws Exception {
        alice.writeFile("/d/f", 10);
        alice.setPermission("/d/f", 0640);
        assertEquals(1, bob.locations("/d/f", 0, 0).getBlocksCount());
        assertFails(ErrorCode.PERMISSION_DENIED, () -> carol.locations("/d/f", 0, 0));
    }

    @Test
    void newInodesTakeTheirGroupFromTheParentNotFromTheCaller() throws Exception {
        alice.mkdirs("/d/sub");
        hdfs.mkdirs("/d2");
        hdfs.setPermission("/d2", 0777);
        carol.mkdirs("/d2/x");
        assertEquals("staff", alice.stat("/d/sub").getGroup());
        assertEquals(NamespaceTestContext.SUPERGROUP, carol.stat("/d2/x").getGroup());
    }
}
