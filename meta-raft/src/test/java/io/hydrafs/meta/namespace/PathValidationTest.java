package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.hydrafs.meta.namespace.NamespaceTestContext.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which paths every operation accepts, and the limits on names it creates. */
class PathValidationTest {
    private final NamespaceTestContext ctx = NamespaceTestContext.create(p -> p.maxNameLengthBytes(10).maxPathDepth(4));
    private final NamespaceTestContext.Actor alice = ctx.asSuperuser();

    /** A malformed path, and the problem the message must name. */
    static Stream<Arguments> malformedPaths() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("a/b", "not absolute"),
                Arguments.of(" /a", "not absolute"),
                Arguments.of("//", "ends with '/'"),
                Arguments.of("/a//b", "empty component"),
                Arguments.of("/a/", "ends with '/'"),
                Arguments.of("/.", "'.' component"),
                Arguments.of("/a/./b", "'.' component"),
                Arguments.of("/a/..", "'..' component"),
                Arguments.of("/a:b", "contains ':'"),
                Arguments.of("/a\0b", "NUL"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" is rejected: {1}")
    @MethodSource("malformedPaths")
    void malformedPathIsRejectedByEveryOperation(String path, String problem) {
        Map<String, org.junit.jupiter.api.function.Executable> operations = Map.of(
                "mkdirs", () -> alice.mkdirs(path),
                "create", () -> alice.create(path),
                "getFileStatus", () -> alice.stat(path),
                "listStatus", () -> alice.list(path),
                "delete", () -> alice.delete(path, true),
                "rename from", () -> alice.rename(path, "/x"),
                "rename to", () -> alice.rename("/", path),
                "setPermission", () -> alice.setPermission(path, 0700),
                "getContentSummary", () -> alice.summary(path),
                "getBlockLocations", () -> alice.locations(path, 0, 0));
        operations.forEach((name, op) -> {
            HydraException e = assertFails(ErrorCode.INVALID_PATH, op);
            assertTrue(e.getMessage().contains(problem), name + ": " + e.getMessage());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/a", "/a b", "/.hidden", "/a..b", "/...", "/ünï", "/a-b_c~d", "/x/y"})
    void wellFormedPathIsAcceptedAndReportedUnchanged(String path) throws Exception {
        assertTrue(alice.mkdirs(path));
        assertEquals(path, alice.stat(path).getPath());
    }

    @Test
    void parseSplitsComponentsAndTheRootHasNone() throws Exception {
        assertEquals(List.of(), PathNames.parse("/"));
        assertEquals(List.of("a", "b c", "d"), PathNames.parse("/a/b c/d"));
    }

    @Test
    void newNameAtTheLimitIsAcceptedOneByteMoreIsNameTooLong() throws Exception {
        assertTrue(alice.mkdirs("/0123456789"));
        HydraException e = assertFails(ErrorCode.NAME_TOO_LONG, () -> alice.mkdirs("/0123456789a"));
        assertTrue(e.getMessage().contains("/0123456789a"), e.getMessage());
        assertTrue(e.getMessage().contains("11 bytes"), e.getMessage());
    }

    @Test
    void nameLengthCountsUtf8BytesNotCharacters() {
        // 6 characters, 12 bytes
        assertFails(ErrorCode.NAME_TOO_LONG, () -> alice.mkdirs("/éééééé"));
    }

    @Test
    void nameLimitAppliesToEveryCreatedNameButNotToLookups() throws Exception {
        assertFails(ErrorCode.NAME_TOO_LONG, () -> alice.mkdirs("/averylongname/b"));
        assertFails(ErrorCode.NAME_TOO_LONG, () -> alice.create("/averylongname"));
        alice.mkdirs("/d");
        assertFails(ErrorCode.NAME_TOO_LONG, () -> alice.rename("/d", "/averylongname"));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.stat("/averylongname"));
        assertFalse(alice.delete("/averylongname", false));
    }

    @Test
    void pathDeeperThanTheLimitIsPathTooDeep() throws Exception {
        assertTrue(alice.mkdirs("/1/2/3/4"));
        HydraException e = assertFails(ErrorCode.PATH_TOO_DEEP, () -> alice.mkdirs("/1/2/3/4/5"));
        assertTrue(e.getMessage().contains("/1/2/3/4/5"), e.getMessage());
        assertFails(ErrorCode.PATH_TOO_DEEP, () -> alice.create("/1/2/3/4/f"));
        alice.mkdirs("/1/2/3/x");
        // moves into /1/2/3/4, giving /1/2/3/4/x
        assertFails(ErrorCode.PATH_TOO_DEEP, () -> alice.rename("/1/2/3/x", "/1/2/3/4"));
        assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.stat("/1/2/3/4/5"));
    }

    @Test
    void fileInTheMiddleOfAPathIsParentNotDirectory() throws Exception {
        alice.create("/f");
        HydraException e = assertFails(ErrorCode.PARENT_NOT_DIRECTORY, () -> alice.stat("/f/g/h"));
        assertTrue(e.getMessage().contains("/f is a file"), e.getMessage());
        assertFails(ErrorCode.PARENT_NOT_DIRECTORY, () -> alice.mkdirs("/f/g"));
        assertFails(ErrorCode.PARENT_NOT_DIRECTORY, () -> alice.create("/f/g"));
    }

    @Test
    void missingPathIsFileNotFoundNamingThePath() {
        HydraException e = assertFails(ErrorCode.FILE_NOT_FOUND, () -> alice.stat("/no/such/file"));
        assertTrue(e.getMessage().contains("/no/such/file"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "a message, not a stack trace: " + e.getMessage());
    }
}
