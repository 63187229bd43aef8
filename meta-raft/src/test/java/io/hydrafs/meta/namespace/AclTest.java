package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static io.hydrafs.protocol.meta.AclUpdate.ACL_UPDATE_MODIFY;
import static io.hydrafs.protocol.meta.AclUpdate.ACL_UPDATE_REMOVE;
import static io.hydrafs.protocol.meta.AclUpdate.ACL_UPDATE_REMOVE_DEFAULT;
import static io.hydrafs.protocol.meta.AclUpdate.ACL_UPDATE_REMOVE_ENTRIES;
import static io.hydrafs.protocol.meta.AclUpdate.ACL_UPDATE_SET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POSIX ACLs as HDFS has them: the five changes, the checks they make, access decided by them, inheritance. */
class AclTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "users");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob", "staff");

    @BeforeEach
    void directoryOnlyItsOwnerMayEnter() throws Exception {
        hdfs.mkdirs("/d", 0750);
        hdfs.setOwner("/d", "owner", "team");
    }

    // ---- access ----

    @Test
    void aNamedUserEntryGrantsWhatOtherDoesNot() throws Exception {
        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.list("/d"));

        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:r-x");

        assertEquals(0, alice.list("/d").getEntriesCount());
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.list("/d"));
    }

    @Test
    void aMatchingEntryThatGrantsTooLittleDeniesEvenWhenOtherWouldAllow() throws Exception {
        hdfs.setPermission("/d", 0757);
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:---", "group:staff:--x");

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.list("/d"));
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.list("/d"));
        assertEquals(0, ctx.asUser("carol").list("/d").getEntriesCount());
    }

    @Test
    void theMaskLimitsNamedEntriesAndChmodSetsTheMask() throws Exception {
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:rwx");
        assertEquals(0770, hdfs.stat("/d").getPermission());

        hdfs.setPermission("/d", 0750);

        assertEquals(0, alice.list("/d").getEntriesCount());
        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.mkdirs("/d/x"));
        assertEquals(List.of("user:alice:rwx", "group::r-x"), hdfs.aclEntries("/d"));
    }

    @Test
    void anyGroupEntryOfTheCallersGroupsMayGrant() throws Exception {
        NamespaceTestContext.Actor dave = ctx.asUser("dave", "team", "staff");
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "group:staff:rwx");

        dave.mkdirs("/d/by-staff");

        assertFails(ErrorCode.PERMISSION_DENIED, () -> ctx.asUser("erin", "team").mkdirs("/d/by-team"));
        assertTrue(ctx.exists("/d/by-staff"));
    }

    // ---- the changes ----

    @Test
    void modifyAddsEntriesComputesTheMaskAndMarksTheStatus() throws Exception {
        assertFalse(hdfs.stat("/d").getHasAcl());

        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:rw-", "group:staff:r--");

        assertEquals(List.of("user:alice:rw-", "group::r-x", "group:staff:r--"), hdfs.aclEntries("/d"));
        assertEquals(0770, hdfs.stat("/d").getPermission(), "the mask is the group class's union");
        assertTrue(hdfs.stat("/d").getHasAcl());
    }

    @Test
    void removeEntriesKeepsARecalculatedMaskAndRemoveAclRestoresTheGroupBits() throws Exception {
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:rwx", "user:bob:r--");

        hdfs.updateAcl("/d", ACL_UPDATE_REMOVE_ENTRIES, "user:alice");
        assertEquals(List.of("user:bob:r--", "group::r-x"), hdfs.aclEntries("/d"));
        assertEquals(0750, hdfs.stat("/d").getPermission());

        hdfs.setPermission("/d", 0700);
        hdfs.updateAcl("/d", ACL_UPDATE_REMOVE);
        assertEquals(List.of(), hdfs.aclEntries("/d"));
        assertEquals(0750, hdfs.stat("/d").getPermission(), "group bits from the group entry, not the mask");
        assertFalse(hdfs.stat("/d").getHasAcl());
    }

    @Test
    void setReplacesTheScopesItNamesAndKeepsTheOthers() throws Exception {
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:rwx", "default:user:bob:r-x");

        hdfs.updateAcl("/d", ACL_UPDATE_SET, "user::rwx", "group::---", "other::r--", "group:staff:r-x");

        assertEquals(List.of("group::---", "group:staff:r-x", "default:user::rwx", "default:user:bob:r-x",
                "default:group::r-x", "default:mask::r-x", "default:other::---"), hdfs.aclEntries("/d"));
        assertEquals(0754, hdfs.stat("/d").getPermission());
    }

    @Test
    void aDefaultAclTakesItsMissingBaseEntriesFromTheAccessAclAndCanBeRemoved() throws Exception {
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "default:user:alice:rwx");
        assertEquals(List.of("default:user::rwx", "default:user:alice:rwx", "default:group::r-x",
                "default:mask::rwx", "default:other::---"), hdfs.aclEntries("/d"));

        hdfs.updateAcl("/d", ACL_UPDATE_REMOVE_DEFAULT);

        assertEquals(List.of(), hdfs.aclEntries("/d"));
        assertFalse(hdfs.stat("/d").getHasAcl());
    }

    @Test
    void onlyTheOwnerOrTheSuperuserChangesAnAcl() throws Exception {
        ctx.asUser("owner").updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:r-x");

        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:rwx"));
        assertEquals(List.of("user:alice:r-x", "group::r-x"), hdfs.aclEntries("/d"));
    }

    @Test
    void invalidAclsAreRefusedWithTheirReason() throws Exception {
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:rwx");
        hdfs.create("/d/f");

        assertInvalid("must not have a name", () -> hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "mask:m:rwx"));
        assertInvalid("mask is required", () -> hdfs.updateAcl("/d", ACL_UPDATE_REMOVE_ENTRIES, "mask::"));
        assertInvalid("are required", () -> hdfs.updateAcl("/d", ACL_UPDATE_SET, "user::rwx", "other::---"));
        assertInvalid("only directories", () -> hdfs.updateAcl("/d/f", ACL_UPDATE_MODIFY, "default:user:bob:r--"));
        assertInvalid("same scope, type and name", () -> hdfs.updateAcl("/d", ACL_UPDATE_SET, "user::rwx",
                "group::---", "other::---", "user:bob:r--", "user:bob:rw-"));
        String[] tooMany = new String[Acls.MAX_ENTRIES + 1];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = "user:u" + i + ":r--";
        }
        assertInvalid("exceeds maximum", () -> hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, tooMany));
        assertEquals(List.of("user:alice:rwx", "group::r-x"), hdfs.aclEntries("/d"));
    }

    // ---- inheritance ----

    @Test
    void aNewFileTakesTheDefaultAclFilteredByTheModeAskedNotTheUmask() throws Exception {
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "default:user:alice:rwx");

        hdfs.create(hdfs.newCreate("/d/f").setPermission(0644));

        assertEquals(List.of("user:alice:rwx", "group::r-x"), hdfs.aclEntries("/d/f"));
        assertEquals(0640, hdfs.stat("/d/f").getPermission(), "owner rw-, mask rwx & r--, other --- & r--");
    }

    @Test
    void newDirectoriesPassTheDefaultAclDownTheChainMkdirsCreates() throws Exception {
        hdfs.setPermission("/d", 0751);
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "default:group:staff:rwx");

        hdfs.mkdirs("/d/x/y", 0755);

        List<String> defaults = List.of("default:user::rwx", "default:group::r-x", "default:group:staff:rwx",
                "default:mask::rwx", "default:other::--x");
        assertEquals(defaults, hdfs.aclEntries("/d/x/y").subList(2, 7));
        assertEquals(defaults, hdfs.aclEntries("/d/x").subList(2, 7));
        assertEquals(0751, hdfs.stat("/d/x/y").getPermission(), "the mask filtered by the mode's r-x");
        assertEquals(0, bob.list("/d/x/y").getEntriesCount());
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.mkdirs("/d/x/y/by-bob"));
    }

    @Test
    void withoutADefaultAclTheUmaskAppliesAsBefore() throws Exception {
        hdfs.updateAcl("/d", ACL_UPDATE_MODIFY, "user:alice:rwx");

        hdfs.create(hdfs.newCreate("/d/f").setPermission(0666));

        assertEquals(0644, hdfs.stat("/d/f").getPermission());
        assertEquals(List.of(), hdfs.aclEntries("/d/f"));
    }

    private static void assertInvalid(String why, org.junit.jupiter.api.function.Executable action) {
        HydraException e = assertFails(ErrorCode.INVALID_ARGUMENT, action);
        assertTrue(e.getMessage().contains("Invalid ACL") && e.getMessage().contains(why), e.getMessage());
    }
}
