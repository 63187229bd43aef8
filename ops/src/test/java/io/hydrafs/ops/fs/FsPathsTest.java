package io.hydrafs.ops.fs;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FsPathsTest {
    private static final String HOME = FsPaths.home("alice");

    @Test
    void relativePathsStartInTheHomeAndEveryPathIsNormalized() throws Exception {
        assertEquals("/user/alice/notes", FsPaths.resolve("notes", HOME));
        assertEquals("/user/alice", FsPaths.resolve(".", HOME));
        assertEquals("/user/bob/x", FsPaths.resolve("../bob/./x/", HOME));
        assertEquals("/a/b", FsPaths.resolve("//a///b/", HOME));
        assertEquals("/", FsPaths.resolve("/../..", HOME));
        HydraException empty = assertThrows(HydraException.class, () -> FsPaths.resolve("", HOME));
        assertEquals(ErrorCode.INVALID_PATH, empty.code());
    }

    @Test
    void childNameAndWithinAreAboutWholeComponents() {
        assertEquals("/a", FsPaths.child("/", "a"));
        assertEquals("/a/b", FsPaths.child("/a", "b"));
        assertEquals("b", FsPaths.name("/a/b"));
        assertTrue(FsPaths.isWithin("/a/b", "/a"));
        assertTrue(FsPaths.isWithin("/a", "/a"));
        assertTrue(FsPaths.isWithin("/x", "/"));
        assertFalse(FsPaths.isWithin("/ab", "/a"));
    }
}
