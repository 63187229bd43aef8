package io.hydrafs.minicluster;

import io.hydrafs.client.ContentSummary;
import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.DirectoryListing;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every namespace operation through the SDK against a real 3-node group, including the edge
 * cases users hit. One cluster serves the whole class; each test works under its own directory.
 */
class NamespaceOperationsTest {
    private static MiniCluster cluster;
    private static HydraFileSystem fs;
    private String dir;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        fs = cluster.newClient();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void ownDirectory(TestInfo info) throws Exception {
        dir = "/t/" + info.getTestMethod().orElseThrow().getName();
        fs.mkdirs(dir);
    }

    private static void assertCode(ErrorCode code, Executable call) {
        HydraException e = assertThrows(HydraException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    private void touch(String path) throws Exception {
        try (HydraOutputStream out = fs.create(path, CreateOptions.builder().overwrite(false).build())) {
            assertTrue(out != null);
        }
    }

    @Test
    void mkdirsCreatesMissingParentsAndIsIdempotent() throws Exception {
        assertTrue(fs.mkdirs(dir + "/a/b/c"));
        assertTrue(fs.mkdirs(dir + "/a/b/c"));
        assertTrue(fs.getFileStatus(dir + "/a/b").isDirectory());
    }

    @Test
    void createThenCloseMakesAClosedEmptyFile() throws Exception {
        touch(dir + "/f");
        FileStatus st = fs.getFileStatus(dir + "/f");
        assertTrue(st.isFile());
        assertEquals(0, st.length());
        assertFalse(st.underConstruction());
        assertEquals(dir + "/f", st.path());
    }

    @Test
    void createWithoutOverwriteOnExistingFileFails() throws Exception {
        touch(dir + "/f");
        assertCode(ErrorCode.FILE_ALREADY_EXISTS, () -> touch(dir + "/f"));
    }

    @Test
    void createWithOverwriteReplacesTheFile() throws Exception {
        touch(dir + "/f");
        long firstId = fs.getFileStatus(dir + "/f").inodeId();
        fs.create(dir + "/f", CreateOptions.builder().overwrite(true).build()).close();
        assertTrue(fs.getFileStatus(dir + "/f").inodeId() != firstId);
    }

    @Test
    void createWhileAnotherWriterHoldsTheFileFails() throws Exception {
        HydraOutputStream open = fs.create(dir + "/f");
        try (HydraFileSystem other = cluster.newClient()) {
            assertCode(ErrorCode.ALREADY_BEING_CREATED,
                    () -> other.create(dir + "/f", CreateOptions.builder().overwrite(true).build()));
        } finally {
            open.close();
        }
    }

    @Test
    void listStatusIsSortedAndPaged() throws Exception {
        for (String n : List.of("c", "a", "b", "e", "d")) {
            touch(dir + "/" + n);
        }
        DirectoryListing first = fs.listStatus(dir, "", 2);
        assertEquals(List.of("a", "b"), names(first.entries()));
        assertTrue(first.hasMore());
        DirectoryListing rest = fs.listStatus(dir, "b", 10);
        assertEquals(List.of("c", "d", "e"), names(rest.entries()));
        assertFalse(rest.hasMore());
        assertEquals(List.of("a", "b", "c", "d", "e"), names(fs.listStatus(dir)));
    }

    private static List<String> names(List<FileStatus> l) {
        return l.stream().map(s -> s.path().substring(s.path().lastIndexOf('/') + 1)).toList();
    }

    @Test
    void renameMovesFilesAndWholeDirectories() throws Exception {
        fs.mkdirs(dir + "/src/sub");
        touch(dir + "/src/sub/f");
        assertEquals(dir + "/dst", fs.rename(dir + "/src", dir + "/dst"));
        assertTrue(fs.exists(dir + "/dst/sub/f"));
        assertFalse(fs.exists(dir + "/src"));
    }

    @Test
    void renameIntoAnExistingDirectoryMovesInside() throws Exception {
        touch(dir + "/f");
        fs.mkdirs(dir + "/d");
        assertEquals(dir + "/d/f", fs.rename(dir + "/f", dir + "/d"));
    }

    @Test
    void renameIntoOwnSubtreeFails() throws Exception {
        fs.mkdirs(dir + "/a/b");
        assertCode(ErrorCode.RENAME_INTO_SUBTREE, () -> fs.rename(dir + "/a", dir + "/a/b/c"));
    }

    @Test
    void deleteSemantics() throws Exception {
        fs.mkdirs(dir + "/d/e");
        touch(dir + "/d/e/f");
        assertFalse(fs.delete(dir + "/missing", false));
        assertCode(ErrorCode.DIRECTORY_NOT_EMPTY, () -> fs.delete(dir + "/d", false));
        assertTrue(fs.delete(dir + "/d", true));
        assertFalse(fs.exists(dir + "/d/e/f"));
        assertCode(ErrorCode.CANNOT_DELETE_ROOT, () -> fs.delete("/", true));
    }

    @Test
    void attributesCanBeChanged() throws Exception {
        touch(dir + "/f");
        fs.setPermission(dir + "/f", 0600);
        fs.setTimes(dir + "/f", 1_000_000L, 2_000_000L);
        assertTrue(fs.setReplication(dir + "/f", 2));
        fs.setOwner(dir + "/f", "bob", "staff");
        FileStatus st = fs.getFileStatus(dir + "/f");
        assertEquals(0600, st.permission());
        assertEquals(1_000_000L, st.modificationTimeMs());
        assertEquals(2_000_000L, st.accessTimeMs());
        assertEquals(2, st.replication());
        assertEquals("bob", st.owner());
        assertEquals("staff", st.group());
    }

    @Test
    void contentSummaryCountsTheSubtree() throws Exception {
        fs.mkdirs(dir + "/x/y");
        touch(dir + "/x/f1");
        touch(dir + "/x/y/f2");
        ContentSummary cs = fs.getContentSummary(dir + "/x");
        assertEquals(2, cs.fileCount());
        assertEquals(2, cs.directoryCount());
        assertEquals(0, cs.length());
    }

    @Test
    void badPathsGetAClearErrorCode() {
        assertCode(ErrorCode.INVALID_PATH, () -> fs.mkdirs("relative/path"));
        assertCode(ErrorCode.INVALID_PATH, () -> fs.mkdirs(dir + "/../x"));
        assertCode(ErrorCode.INVALID_PATH, () -> fs.mkdirs(dir + "//x"));
        assertCode(ErrorCode.INVALID_PATH, () -> fs.getFileStatus(dir + "/a\0b"));
        assertCode(ErrorCode.NAME_TOO_LONG, () -> fs.mkdirs(dir + "/" + "n".repeat(300)));
        assertCode(ErrorCode.FILE_NOT_FOUND, () -> fs.getFileStatus(dir + "/nothing"));
    }

    @Test
    void createUnderAFileFails() throws Exception {
        touch(dir + "/f");
        assertCode(ErrorCode.PARENT_NOT_DIRECTORY, () -> fs.mkdirs(dir + "/f/g"));
    }

    @Test
    void permissionsAreCheckedForOtherUsers() throws Exception {
        fs.mkdirs(dir + "/private");
        fs.setPermission(dir + "/private", 0700);
        fs.setPermission(dir, 0755);
        HydraFileSystem mallory = cluster.newClient("mallory");
        assertCode(ErrorCode.PERMISSION_DENIED, () -> mallory.mkdirs(dir + "/private/x"));
        assertCode(ErrorCode.PERMISSION_DENIED, () -> mallory.listStatus(dir + "/private"));
        assertCode(ErrorCode.PERMISSION_DENIED, () -> mallory.delete(dir + "/private", true));
        assertTrue(fs.exists(dir + "/private"));
    }

    @Test
    void recoverLeaseClosesAFileLeftOpenByAWriter() throws Exception {
        HydraOutputStream abandoned = fs.create(dir + "/f");
        try (HydraFileSystem other = cluster.newClient()) {
            assertTrue(other.recoverLease(dir + "/f"));
            assertFalse(other.getFileStatus(dir + "/f").underConstruction());
        }
        abandoned.close(); // completing an already closed file is idempotent, as in HDFS
    }
}
