package io.hydrafs.ops.cli;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The namespace verbs of {@code hydra fs} against one in-JVM cluster; each test works under its own directory. */
class FsCommandTest {
    private static final String ME = System.getProperty("user.name");

    private static MiniCluster cluster;
    private static HydraFileSystem fs;
    private static FsCli hydra;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = MiniCluster.builder().metaNodes(1).blockstores(3)
                .config("hydra.meta.namespace.min.block.size.bytes", "512").start();
        fs = cluster.newClient();
        hydra = new FsCli(cluster);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void write(String path, String text) throws Exception {
        try (HydraOutputStream out = fs.create(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void setfaclChangesAnAclThatGetfaclAndLsShow() throws Exception {
        fs.mkdirs("/acl/d");
        fs.setPermission("/acl/d", 0750);

        CliInvocation set = hydra.run("setfacl", "-m", "user:alice:rwx,default:group:ops:r-x", "/acl/d");
        CliInvocation get = hydra.run("getfacl", "/acl/d");
        CliInvocation ls = hydra.run("ls", "-d", "/acl/d");
        CliInvocation removed = hydra.run("setfacl", "-b", "/acl/d");
        CliInvocation bad = hydra.run("setfacl", "-m", "user:alice", "/acl/d");

        assertEquals(0, set.exitCode(), set.toString());
        assertEquals(List.of("# file: /acl/d", "# owner: " + ME, "# group: supergroup", "user::rwx", "user:alice:rwx",
                "group::r-x", "mask::rwx", "other::---", "default:user::rwx", "default:group::r-x",
                "default:group:ops:r-x", "default:mask::r-x", "default:other::---", ""), get.outLines(), get.toString());
        assertTrue(ls.out().startsWith("drwxrwx---+"), ls.toString());
        assertEquals(0, removed.exitCode(), removed.toString());
        assertEquals(0750, fs.getFileStatus("/acl/d").permission());
        assertEquals(HydraCli.EXIT_USAGE, bad.exitCode(), bad.toString());
    }

    @Test
    void lsOfADirectoryPrintsTheFoundHeaderAndOneHdfsStyleLinePerEntry() throws Exception {
        fs.mkdirs("/ls/dir/sub");
        write("/ls/dir/file", "hello");

        CliInvocation ls = hydra.run("ls", "/ls/dir");

        assertEquals(0, ls.exitCode(), ls.toString());
        List<String> lines = ls.outLines();
        assertEquals("Found 2 items", lines.get(0), ls.toString());
        assertTrue(lines.get(1).matches("-rw-r--r-- +3 " + ME + " +\\S+ +5 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d /ls/dir/file"),
                lines.get(1));
        assertTrue(lines.get(2).matches("drwxr-xr-x +- " + ME + " +\\S+ +0 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d /ls/dir/sub"),
                lines.get(2));
        assertEquals(lines.get(1).indexOf(" /ls"), lines.get(2).indexOf(" /ls"), "columns are aligned");
    }

    @Test
    void lsRecursiveListsEachSubdirectoryAfterItsLineWithoutHeaders() throws Exception {
        fs.mkdirs("/lsr/a/b");
        write("/lsr/a/b/f", "x");
        write("/lsr/z", "y");

        CliInvocation ls = hydra.run("ls", "-R", "/lsr");

        List<String> paths = ls.outLines().stream().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
        assertEquals(List.of("/lsr/a", "/lsr/a/b", "/lsr/a/b/f", "/lsr/z"), paths, ls.toString());
    }

    @Test
    void aFailedPathIsOneLineAndTheOtherPathsStillRun() throws Exception {
        write("/partial/there", "x");

        CliInvocation ls = hydra.run("ls", "/partial/missing", "/partial/there");

        assertEquals(1, ls.exitCode(), ls.toString());
        assertEquals(List.of("hydra fs ls: /partial/missing: No such file or directory"), ls.errLines());
        assertTrue(ls.out().contains("/partial/there"), ls.toString());
    }

    @Test
    void mkdirWithoutParentsNeedsTheParentAndRefusesAnExistingPath() throws Exception {
        fs.mkdirs("/mk/existing");

        CliInvocation plain = hydra.run("mkdir", "/mk/a/b", "/mk/existing", "/mk/new");
        CliInvocation withParents = hydra.run("mkdir", "-p", "/mk/a/b", "/mk/existing");

        assertEquals(1, plain.exitCode(), plain.toString());
        assertEquals(List.of("hydra fs mkdir: /mk/a/b: No such file or directory",
                "hydra fs mkdir: /mk/existing: File exists"), plain.errLines());
        assertTrue(fs.getFileStatus("/mk/new").isDirectory());
        assertEquals(0, withParents.exitCode(), withParents.toString());
        assertTrue(fs.getFileStatus("/mk/a/b").isDirectory());
    }

    @Test
    void rmOfADirectoryNeedsRecursiveAndForceIgnoresMissingPaths() throws Exception {
        fs.mkdirs("/rm/dir/sub");
        write("/rm/file", "x");

        CliInvocation refused = hydra.run("rm", "/rm/dir");
        CliInvocation deleted = hydra.run("rm", "-r", "/rm/dir", "/rm/file");
        CliInvocation forced = hydra.run("rm", "-rf", "/rm/never");
        CliInvocation missing = hydra.run("rm", "/rm/never");

        assertEquals(List.of("hydra fs rm: /rm/dir: Is a directory"), refused.errLines());
        assertEquals(1, refused.exitCode());
        assertEquals(List.of("Deleted /rm/dir", "Deleted /rm/file"), deleted.outLines(), deleted.toString());
        assertFalse(fs.exists("/rm/dir"));
        assertEquals(0, forced.exitCode(), forced.toString());
        assertEquals("", forced.err());
        assertEquals(List.of("hydra fs rm: /rm/never: No such file or directory"), missing.errLines());
    }

    @Test
    void mvMovesIntoAnExistingDirectoryAndRefusesToReplaceAFile() throws Exception {
        fs.mkdirs("/mv/into");
        write("/mv/a", "a");
        write("/mv/b", "b");
        write("/mv/taken", "t");

        CliInvocation into = hydra.run("mv", "/mv/a", "/mv/b", "/mv/into");
        CliInvocation onto = hydra.run("mv", "/mv/into/a", "/mv/taken");

        assertEquals(0, into.exitCode(), into.toString());
        assertTrue(fs.exists("/mv/into/a") && fs.exists("/mv/into/b"));
        assertEquals(List.of("hydra fs mv: /mv/taken: File exists"), onto.errLines());
        assertEquals(1, onto.exitCode());
    }

    @Test
    void chmodAndChownRecursiveChangeEveryEntryBelow() throws Exception {
        fs.mkdirs("/perm/d");
        write("/perm/d/f", "x");

        CliInvocation chmod = hydra.run("chmod", "-R", "750", "/perm");
        CliInvocation chown = hydra.run("chown", "-R", "alice:staff", "/perm");
        CliInvocation stat = hydra.run("stat", "%a %A %u:%g %F %n", "/perm/d", "/perm/d/f");

        assertEquals(0, chmod.exitCode(), chmod.toString());
        assertEquals(0, chown.exitCode(), chown.toString());
        assertEquals(List.of("750 rwxr-x--- alice:staff directory d", "750 rwxr-x--- alice:staff regular file f"),
                stat.outLines(), stat.toString());
    }

    @Test
    void aCallerWithoutPermissionGetsPermissionDenied() throws Exception {
        fs.mkdirs("/locked");

        CliInvocation mkdir = hydra.run("mkdir", "--user", "mallory", "/locked/x");

        assertEquals(1, mkdir.exitCode(), mkdir.toString());
        assertTrue(mkdir.err().startsWith("hydra fs mkdir: /locked/x: Permission denied ("), mkdir.toString());
        assertEquals(1, mkdir.errLines().size(), "one line, no stack trace: " + mkdir);
    }

    @Test
    void relativePathsStartInTheUsersHome() throws Exception {
        fs.mkdirs("/user/bob");
        fs.setOwner("/user/bob", "bob", null);

        CliInvocation mkdir = hydra.run("mkdir", "--user", "bob", "notes");
        CliInvocation test = hydra.run("test", "-d", "/user/bob/notes");

        assertEquals(0, mkdir.exitCode(), mkdir.toString());
        assertEquals(0, test.exitCode(), test.toString());
    }

    @Test
    void testAnswersWithItsExitCodeAlone() throws Exception {
        write("/test/empty", "");
        write("/test/full", "x");

        assertEquals(0, hydra.run("test", "-e", "/test/empty").exitCode());
        assertEquals(0, hydra.run("test", "-f", "/test/full").exitCode());
        assertEquals(0, hydra.run("test", "-z", "/test/empty").exitCode());
        assertEquals(0, hydra.run("test", "-s", "/test/full").exitCode());
        CliInvocation no = hydra.run("test", "-d", "/test/full");
        assertEquals(1, no.exitCode());
        assertEquals("", no.out() + no.err());
        assertEquals(1, hydra.run("test", "-e", "/test/missing").exitCode());
    }

    @Test
    void wrongArgumentsAreUsageErrorsBeforeTheClusterIsAsked() {
        CliInvocation badMode = hydra.run("chmod", "999", "/x");
        CliInvocation badFormat = hydra.run("stat", "%q", "/x");
        CliInvocation twoConditions = hydra.run("test", "-e", "-d", "/x");
        CliInvocation noPath = hydra.run("rm");

        for (CliInvocation i : List.of(badMode, badFormat, twoConditions, noPath)) {
            assertEquals(2, i.exitCode(), i.toString());
            assertEquals(1, i.errLines().size(), i.toString());
        }
        assertTrue(badMode.err().startsWith("hydra fs chmod: mode '999' is not octal"), badMode.toString());
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliInvocation quiet = hydra.run("cat", "/verbose/missing");
        CliInvocation verbose = hydra.run("cat", "--verbose", "/verbose/missing");

        assertEquals(1, quiet.errLines().size(), quiet.toString());
        assertEquals(quiet.errLines().get(0), verbose.errLines().get(0));
        assertTrue(verbose.err().contains("at io.hydrafs."), verbose.toString());
    }

    @Test
    void aClusterDirectoryWithoutARunningClusterFailsInOneLine(@TempDir Path dir) {
        CliInvocation ls = FsCli.raw("fs", "ls", "--dir", dir.toString(), "/");

        assertEquals(1, ls.exitCode(), ls.toString());
        assertEquals(1, ls.errLines().size(), ls.toString());
        assertTrue(ls.err().startsWith("hydra fs ls: "), ls.toString());
    }

    @Test
    void rmdirDeletesOnlyEmptyDirectoriesAndChgrpChangesTheGroupBelowWithR() throws Exception {
        fs.mkdirs("/rd/empty");
        fs.mkdirs("/rd/full/sub");
        write("/rd/file", "x");

        CliInvocation rmdir = hydra.run("rmdir", "/rd/empty", "/rd/full", "/rd/file");
        CliInvocation ignoring = hydra.run("rmdir", "--ignore-fail-on-non-empty", "/rd/full");
        CliInvocation chgrp = hydra.run("chgrp", "-R", "ops", "/rd/full");

        assertEquals(HydraCli.EXIT_FAILED, rmdir.exitCode(), rmdir.toString());
        assertEquals(List.of("hydra fs rmdir: /rd/full: Directory is not empty",
                "hydra fs rmdir: /rd/file: Not a directory"), rmdir.errLines());
        assertFalse(fs.exists("/rd/empty"));
        assertEquals(0, ignoring.exitCode(), ignoring.toString());
        assertEquals(0, chgrp.exitCode(), chgrp.toString());
        assertEquals("ops", fs.getFileStatus("/rd/full").group());
        assertEquals("ops", fs.getFileStatus("/rd/full/sub").group());
    }

    @Test
    void findPrintsEveryPathWhoseNameMatchesTheGlobDirectoriesFirst() throws Exception {
        write("/find/a.txt", "a");
        write("/find/sub/b.TXT", "b");
        write("/find/sub/c.log", "c");

        CliInvocation exact = hydra.run("find", "/find", "-name", "*.txt");
        CliInvocation anyCase = hydra.run("find", "/find", "-iname", "*.txt", "-print");
        CliInvocation all = hydra.run("find", "/find");
        CliInvocation bad = hydra.run("find", "/find", "-name", "sub/*");

        assertEquals(List.of("/find/a.txt"), exact.outLines(), exact.toString());
        assertEquals(List.of("/find/a.txt", "/find/sub/b.TXT"), anyCase.outLines(), anyCase.toString());
        assertEquals(List.of("/find", "/find/a.txt", "/find/sub", "/find/sub/b.TXT", "/find/sub/c.log"),
                all.outLines(), all.toString());
        assertEquals(HydraCli.EXIT_USAGE, bad.exitCode(), bad.toString());
    }
}
