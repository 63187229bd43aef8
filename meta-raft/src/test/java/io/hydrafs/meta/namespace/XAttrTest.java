package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Extended attributes as HDFS has them: namespaces, flags, access, limits. */
class XAttrTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create();
    private final NamespaceTestContext.Actor hdfs = ctx.asSuperuser();
    private final NamespaceTestContext.Actor alice = ctx.asUser("alice", "staff");
    private final NamespaceTestContext.Actor bob = ctx.asUser("bob", "staff");

    @Test
    void aSetAttributeReadsBackWithItsNamespaceInLowerCase() throws Exception {
        hdfs.writeFile("/f", 10);

        hdfs.setXAttr("/f", "USER.Color", "blue");
        hdfs.setXAttr("/f", "user.a", "");

        assertEquals(List.of("user.Color", "user.a"), hdfs.listXAttrs("/f"));
        assertEquals(Map.of("user.Color", "blue"), hdfs.getXAttrs("/f", "User.Color"));
        assertEquals(Map.of("user.Color", "blue", "user.a", ""), hdfs.getXAttrs("/f"));
    }

    @Test
    void directoriesHaveAttributesToo() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.setXAttr("/d", "user.owner-team", "storage");
        assertEquals(Map.of("user.owner-team", "storage"), hdfs.getXAttrs("/d"));
    }

    @Test
    void theDefaultFlagsCreateOrReplace() throws Exception {
        hdfs.writeFile("/f", 10);
        hdfs.setXAttr("/f", "user.a", "1");
        hdfs.setXAttr("/f", "user.a", "2");
        assertEquals(Map.of("user.a", "2"), hdfs.getXAttrs("/f"));
    }

    @Test
    void createAloneRefusesAnExistingAttributeAndReplaceAloneAMissingOne() throws Exception {
        hdfs.writeFile("/f", 10);
        hdfs.setXAttr("/f", "user.a", "1", true, false);

        assertFails(ErrorCode.XATTR_ALREADY_EXISTS, () -> hdfs.setXAttr("/f", "user.a", "2", true, false));
        assertFails(ErrorCode.XATTR_NOT_FOUND, () -> hdfs.setXAttr("/f", "user.b", "2", false, true));
        hdfs.setXAttr("/f", "user.a", "3", false, true);
        hdfs.setXAttr("/f", "user.a", "4", true, true);
        assertEquals(Map.of("user.a", "4"), hdfs.getXAttrs("/f"));
    }

    @Test
    void removeDropsTheAttributeAndAMissingOneIsXAttrNotFound() throws Exception {
        hdfs.writeFile("/f", 10);
        hdfs.setXAttr("/f", "user.a", "1");
        hdfs.setXAttr("/f", "user.b", "2");

        hdfs.removeXAttr("/f", "USER.a");

        assertEquals(List.of("user.b"), hdfs.listXAttrs("/f"));
        assertFails(ErrorCode.XATTR_NOT_FOUND, () -> hdfs.removeXAttr("/f", "user.a"));
        assertFails(ErrorCode.XATTR_NOT_FOUND, () -> hdfs.getXAttrs("/f", "user.b", "user.a"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"color", ".color", "user.", "other.color", "security.a", "system.a", "raw.a", "user.a\0b"})
    void namesOutsideTheUserAndTrustedNamespacesAreInvalidArgument(String name) throws Exception {
        hdfs.writeFile("/f", 10);
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.setXAttr("/f", name, "v"));
        assertTrue(hdfs.listXAttrs("/f").isEmpty());
    }

    @Test
    void theTrustedNamespaceIsTheSuperusersAndHiddenFromOthers() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.setOwner("/d", "alice", "staff");
        alice.writeFile("/d/f", 10);
        alice.setXAttr("/d/f", "user.a", "1");

        HydraException e = assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.setXAttr("/d/f", "trusted.t", "x"));
        assertTrue(e.getMessage().contains("trusted"), e.getMessage());
        hdfs.setXAttr("/d/f", "trusted.t", "x");

        assertEquals(List.of("user.a"), alice.listXAttrs("/d/f"));
        assertEquals(Map.of("user.a", "1"), alice.getXAttrs("/d/f"));
        assertEquals(List.of("trusted.t", "user.a"), hdfs.listXAttrs("/d/f"));
        assertFails(ErrorCode.PERMISSION_DENIED, () -> alice.getXAttrs("/d/f", "trusted.t"));
    }

    @Test
    void changingNeedsWriteReadingValuesNeedsReadListingNamesNeedsNeither() throws Exception {
        hdfs.mkdirs("/d");
        hdfs.setPermission("/d", 0777);
        alice.writeFile("/d/f", 10);
        alice.setXAttr("/d/f", "user.a", "1");
        alice.setPermission("/d/f", 0644);

        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.setXAttr("/d/f", "user.b", "2"));
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.removeXAttr("/d/f", "user.a"));
        assertEquals(Map.of("user.a", "1"), bob.getXAttrs("/d/f"));
        alice.setPermission("/d/f", 0);
        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.getXAttrs("/d/f"));
        assertEquals(List.of("user.a"), bob.listXAttrs("/d/f"));
    }

    @Test
    void onAStickyDirectoryOnlyItsOwnerMayChangeAttributes() throws Exception {
        hdfs.mkdirs("/tmp");
        hdfs.setOwner("/tmp", "alice", "staff");
        hdfs.setPermission("/tmp", 01777);

        assertFails(ErrorCode.PERMISSION_DENIED, () -> bob.setXAttr("/tmp", "user.a", "1"));
        alice.setXAttr("/tmp", "user.a", "1");
        assertEquals(Map.of("user.a", "1"), bob.getXAttrs("/tmp"));
    }

    @Test
    void anInodeHoldsAtMost32AttributesOfAtMost16KiBEach() throws Exception {
        hdfs.writeFile("/f", 10);
        for (int i = 0; i < XAttrOps.MAX_PER_INODE; i++) {
            hdfs.setXAttr("/f", "user.a" + i, "v");
        }
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.setXAttr("/f", "user.one-more", "v"));
        hdfs.setXAttr("/f", "user.a0", "replacing is not adding");

        hdfs.writeFile("/g", 10);
        String name = "user.name";   // the size counts "name", not the namespace
        hdfs.setXAttr("/g", name, "x".repeat(XAttrOps.MAX_SIZE_BYTES - 4));
        HydraException e = assertFails(ErrorCode.INVALID_ARGUMENT,
                () -> hdfs.setXAttr("/g", name, "x".repeat(XAttrOps.MAX_SIZE_BYTES - 3)));
        assertTrue(e.getMessage().contains("too big"), e.getMessage());
        hdfs.writeFile("/h", 10);
        assertFails(ErrorCode.INVALID_ARGUMENT, () -> hdfs.setXAttr("/h", "user.\u00e9",
                "x".repeat(XAttrOps.MAX_SIZE_BYTES - 1)), "the name counts in UTF-8 bytes: é is two");
    }

    @Test
    void attributesFollowARenameAndLeaveTheTimesAlone() throws Exception {
        hdfs.writeFile("/f", 10);
        long mtime = hdfs.stat("/f").getMtimeMs();
        ctx.advanceClock(50);

        hdfs.setXAttr("/f", "user.a", "1");
        hdfs.rename("/f", "/g");

        assertEquals(Map.of("user.a", "1"), hdfs.getXAttrs("/g"));
        assertEquals(mtime, hdfs.stat("/g").getMtimeMs());
    }

    @Test
    void aMissingPathIsFileNotFound() {
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.setXAttr("/nope", "user.a", "1"));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.getXAttrs("/nope"));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> hdfs.listXAttrs("/nope"));
    }
}
