package io.hydrafs.ops.cli;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraInputStream;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.minicluster.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verbs of {@code hydra fs} that move file bytes, against one in-JVM cluster with three blockstores. */
class FsCommandDataTest {
    private static MiniCluster cluster;
    private static HydraFileSystem fs;
    private static FsCli hydra;

    @TempDir
    Path local;

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

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] read(String path) throws Exception {
        try (HydraInputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    private static void write(String path, byte[] bytes) throws Exception {
        try (HydraOutputStream out = fs.create(path)) {
            out.write(bytes);
        }
    }

    @Test
    void putThenGetRoundTripsTheBytesAndGetIntoADirectoryKeepsTheName() throws Exception {
        byte[] bytes = randomBytes(200_000, 1);
        Path source = Files.write(local.resolve("data.bin"), bytes);
        Path back = Files.createDirectory(local.resolve("back"));
        fs.mkdirs("/put");

        CliInvocation put = hydra.run("put", source.toString(), "/put");
        CliInvocation get = hydra.run("get", "/put/data.bin", back.toString());

        assertEquals(0, put.exitCode(), put.toString());
        assertArrayEquals(bytes, read("/put/data.bin"));
        assertFalse(fs.exists("/put/data.bin._COPYING_"), "the temporary name is gone");
        assertEquals(0, get.exitCode(), get.toString());
        assertArrayEquals(bytes, Files.readAllBytes(back.resolve("data.bin")));
    }

    @Test
    void anExistingTargetIsReplacedOnlyWithForce() throws Exception {
        Path source = Files.writeString(local.resolve("new.txt"), "new");
        Path localTarget = Files.writeString(local.resolve("old.txt"), "old");
        write("/force/t", "old".getBytes(StandardCharsets.UTF_8));

        CliInvocation refusedPut = hydra.run("put", source.toString(), "/force/t");
        CliInvocation refusedGet = hydra.run("get", "/force/t", localTarget.toString());
        CliInvocation put = hydra.run("put", "-f", source.toString(), "/force/t");
        CliInvocation get = hydra.run("get", "-f", "/force/t", localTarget.toString());

        assertEquals(List.of("hydra fs put: /force/t: File exists"), refusedPut.errLines());
        assertEquals(List.of("hydra fs get: " + localTarget + ": File exists"), refusedGet.errLines());
        assertEquals(1, refusedPut.exitCode());
        assertEquals(0, put.exitCode(), put.toString());
        assertEquals(0, get.exitCode(), get.toString());
        assertEquals("new", Files.readString(localTarget));
    }

    @Test
    void putOfALocalDirectoryCopiesEverythingBelowIt() throws Exception {
        Path tree = Files.createDirectories(local.resolve("tree/sub"));
        Files.writeString(tree.resolve("f"), "deep");
        Files.writeString(local.resolve("tree/top"), "top");

        CliInvocation put = hydra.run("put", local.resolve("tree").toString(), "/tree");

        assertEquals(0, put.exitCode(), put.toString());
        assertEquals("deep", new String(read("/tree/sub/f"), StandardCharsets.UTF_8));
        assertEquals("top", new String(read("/tree/top"), StandardCharsets.UTF_8));
    }

    @Test
    void checksumPrintsTheCrc32cOfEachFileAsHdfsDoes() throws Exception {
        byte[] bytes = randomBytes(300_000, 4);
        write("/sum/f", bytes);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes);

        CliInvocation checksum = hydra.run("checksum", "/sum/f", "/sum/none");

        assertEquals(String.format("/sum/f\tCOMPOSITE-CRC32C\t%08x%n", crc.getValue()), checksum.out());
        assertEquals(List.of("hydra fs checksum: /sum/none: No such file or directory"), checksum.errLines());
        assertEquals(1, checksum.exitCode());
    }

    @Test
    void concatJoinsTheSourcesOntoTheTargetAndAReasonIsPrintedWhenRefused() throws Exception {
        byte[] a = randomBytes(1_000, 5);
        byte[] b = randomBytes(2_000, 6);
        write("/cc/a", a);
        write("/cc/b", b);
        write("/cc/empty", new byte[0]);

        CliInvocation refused = hydra.run("concat", "/cc/a", "/cc/empty");
        CliInvocation joined = hydra.run("concat", "/cc/a", "/cc/b");

        assertEquals(1, refused.exitCode());
        assertEquals(1, refused.errLines().size(), refused.toString());
        assertTrue(refused.errLines().get(0).startsWith("hydra fs concat: /cc/a: ") && refused.err().contains("empty"),
                refused.toString());
        assertEquals(0, joined.exitCode(), joined.toString());
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertArrayEquals(both, read("/cc/a"));
        assertFalse(fs.exists("/cc/b"));
    }

    @Test
    void setfattrAndGetfattrWriteAndPrintExtendedAttributesAsHdfsDoes() throws Exception {
        write("/xa/f", new byte[1]);

        assertEquals(0, hydra.run("setfattr", "-n", "user.color", "-v", "\"blue\"", "/xa/f").exitCode());
        assertEquals(0, hydra.run("setfattr", "-n", "user.raw", "-v", "0x6869", "/xa/f").exitCode());
        CliInvocation all = hydra.run("getfattr", "-d", "/xa/f");
        CliInvocation hex = hydra.run("getfattr", "-n", "user.raw", "-e", "hex", "/xa/f");
        CliInvocation removed = hydra.run("setfattr", "-x", "user.color", "/xa/f");
        CliInvocation missing = hydra.run("getfattr", "-n", "user.color", "/xa/f");
        CliInvocation usage = hydra.run("getfattr", "/xa/f");

        assertEquals(List.of("# file: /xa/f", "user.color=\"blue\"", "user.raw=\"hi\""), all.outLines(),
                all.toString());
        assertEquals(List.of("# file: /xa/f", "user.raw=0x6869"), hex.outLines());
        assertEquals(0, removed.exitCode(), removed.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("No such attribute"), missing.toString());
        assertEquals(2, usage.exitCode(), usage.toString());
        assertEquals(List.of("user.raw"), fs.listXAttrs("/xa/f"));
    }

    @Test
    void truncateCutsFilesAndWithWWaitsForTheBlockToBeCut() throws Exception {
        byte[] bytes = randomBytes(5_000, 7);
        write("/tr/a", bytes);
        write("/tr/b", bytes);

        CliInvocation waited = hydra.run("truncate", "-w", "1000", "/tr/a");
        CliInvocation toZero = hydra.run("truncate", "0", "/tr/b");
        CliInvocation grow = hydra.run("truncate", "9999", "/tr/a");

        assertEquals(List.of("Waiting for /tr/a ...", "Truncated /tr/a to length: 1000"), waited.outLines(),
                waited.toString());
        assertArrayEquals(java.util.Arrays.copyOf(bytes, 1_000), read("/tr/a"));
        assertEquals(List.of("Truncated /tr/b to length: 0"), toZero.outLines());
        assertEquals(0, fs.getFileStatus("/tr/b").length());
        assertEquals(1, grow.exitCode());
        assertTrue(grow.err().contains("Invalid argument"), grow.toString());
    }

    @Test
    void dfPrintsTheClustersStorageUnderAHeader() throws Exception {
        CliInvocation df = hydra.run("df");
        CliInvocation human = hydra.run("df", "-h");

        assertEquals(0, df.exitCode(), df.toString());
        List<String> lines = df.out().lines().toList();
        assertEquals(List.of("Filesystem", "Size", "Used", "Available", "Use%"),
                List.of(lines.get(0).trim().split("\\s+")));
        String[] values = lines.get(1).trim().split("\\s+");
        assertEquals("hydra://" + String.join(",", fs.metaAddresses()), values[0]);
        long size = Long.parseLong(values[1]);
        long used = Long.parseLong(values[2]);
        long available = Long.parseLong(values[3]);
        assertTrue(size > 0 && available > 0 && used + available <= size, lines.get(1));
        assertEquals(Math.round(100.0 * used / size) + "%", values[4]);
        assertTrue(human.out().lines().skip(1).findFirst().orElseThrow().matches(".*\\d(\\.\\d)?[KMGTPE]? .*"),
                human.out());
    }

    @Test
    void catPrintsEachFileAndReportsADirectoryAsSuch() throws Exception {
        write("/cat/a", "one\n".getBytes(StandardCharsets.UTF_8));
        write("/cat/b", "two\n".getBytes(StandardCharsets.UTF_8));

        CliInvocation cat = hydra.run("cat", "/cat/a", "/cat", "/cat/b");

        assertEquals("one\ntwo\n", cat.out());
        assertEquals(List.of("hydra fs cat: /cat: Is a directory"), cat.errLines());
        assertEquals(1, cat.exitCode());
    }

    @Test
    void tailPrintsTheLastKibibyte() throws Exception {
        String text = "a".repeat(3000) + "b".repeat(1024);
        write("/tail/f", text.getBytes(StandardCharsets.UTF_8));
        write("/tail/short", "short".getBytes(StandardCharsets.UTF_8));

        CliInvocation tail = hydra.run("tail", "/tail/f");
        CliInvocation shortTail = hydra.run("tail", "/tail/short");

        assertEquals("b".repeat(1024), tail.out());
        assertEquals("short", shortTail.out());
    }

    @Test
    void cpCopiesFilesAndDirectoriesButNotADirectoryIntoItself() throws Exception {
        byte[] bytes = randomBytes(70_000, 2);
        write("/cp/src/f", bytes);
        fs.mkdirs("/cp/src/empty");

        CliInvocation file = hydra.run("cp", "/cp/src/f", "/cp/copy");
        CliInvocation tree = hydra.run("cp", "/cp/src", "/cp/tree");
        CliInvocation itself = hydra.run("cp", "/cp/src", "/cp/src/inside");

        assertEquals(0, file.exitCode(), file.toString());
        assertArrayEquals(bytes, read("/cp/copy"));
        assertEquals(0, tree.exitCode(), tree.toString());
        assertArrayEquals(bytes, read("/cp/tree/f"));
        assertTrue(fs.getFileStatus("/cp/tree/empty").isDirectory());
        assertEquals(1, itself.exitCode(), itself.toString());
        assertTrue(itself.err().startsWith("hydra fs cp: /cp/src: Invalid argument (cannot copy"), itself.toString());
    }

    @Test
    void duPrintsLengthAndSpaceWithAllReplicasPerEntryOrInTotal() throws Exception {
        write("/du/a", randomBytes(2048, 3));
        write("/du/b", randomBytes(100, 4));

        CliInvocation entries = hydra.run("du", "/du");
        CliInvocation total = hydra.run("du", "-s", "-h", "/du");

        assertEquals(List.of("2048  6144  /du/a", "100   300   /du/b"), entries.outLines(), entries.toString());
        assertEquals(List.of("2.1 K  6.3 K  /du"), total.outLines(), total.toString());
    }

    @Test
    void setrepChangesTheReplicationOfEveryFileBelowADirectoryAndWaits() throws Exception {
        write("/rep/d/f", randomBytes(1000, 5));

        CliInvocation setrep = hydra.run("setrep", "-w", "2", "/rep");
        CliInvocation stat = hydra.run("stat", "%r", "/rep/d/f");

        assertEquals(0, setrep.exitCode(), setrep.toString());
        assertEquals(List.of("Replication 2 set: /rep/d/f", "Waiting for /rep/d/f ...", "done"), setrep.outLines());
        assertEquals(List.of("2"), stat.outLines());
    }

    @Test
    void appendToFileCreatesThenAppendsAndRefusesAMissingLocalFileFirst() throws Exception {
        Path one = Files.writeString(local.resolve("one"), "one\n");
        Path two = Files.writeString(local.resolve("two"), "two\n");

        CliInvocation created = hydra.run("appendToFile", one.toString(), "/app/f");
        CliInvocation appended = hydra.run("appendToFile", two.toString(), one.toString(), "/app/f");
        CliInvocation missing = hydra.run("appendToFile", local.resolve("nope").toString(), "/app/g");

        assertEquals(0, created.exitCode(), created.toString());
        assertEquals(0, appended.exitCode(), appended.toString());
        assertEquals("one\ntwo\none\n", new String(read("/app/f"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(HydraCli.EXIT_FAILED, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("No such file or directory"), missing.toString());
        assertFalse(fs.exists("/app/g"));
        assertEquals(0, hydra.run("copyFromLocal", two.toString(), "/app/two").exitCode(), "put's HDFS alias");
        assertEquals(0, hydra.run("copyToLocal", "/app/two", local.resolve("back").toString()).exitCode());
        assertEquals("two\n", Files.readString(local.resolve("back")));
    }

    @Test
    void touchzMakesEmptyFilesAndRefusesOneWithBytesAndHeadPrintsTheFirstKibibyte() throws Exception {
        String text = "0123456789abcdef".repeat(200);  // 3,200 bytes of text: stdout is read back as UTF-8
        write("/tz/full", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        CliInvocation touched = hydra.run("touchz", "/tz/new/empty", "/tz/new/empty");
        CliInvocation refused = hydra.run("touchz", "/tz/full");
        CliInvocation head = hydra.run("head", "/tz/full");

        assertEquals(0, touched.exitCode(), touched.toString());
        assertEquals(0, fs.getFileStatus("/tz/new/empty").length());
        assertEquals(HydraCli.EXIT_FAILED, refused.exitCode(), refused.toString());
        assertEquals(0, head.exitCode(), head.toString());
        assertEquals(text.substring(0, 1024), head.out());
    }

    @Test
    void getmergeJoinsADirectorysFilesInNameOrderIntoOneLocalFile() throws Exception {
        write("/gm/b", "bee".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        write("/gm/a", "ay".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        fs.mkdirs("/gm/sub");
        Path merged = local.resolve("merged");

        CliInvocation plain = hydra.run("getmerge", "/gm", merged.toString());
        String plainText = Files.readString(merged);
        CliInvocation lines = hydra.run("getmerge", "-nl", "/gm", "/gm/a", merged.toString());
        CliInvocation missing = hydra.run("getmerge", "/gm/nope", merged.toString());

        assertEquals(0, plain.exitCode(), plain.toString());
        assertEquals("aybee", plainText);
        assertEquals(0, lines.exitCode(), lines.toString());
        assertEquals("ay\nbee\nay\n", Files.readString(merged));
        assertEquals(HydraCli.EXIT_FAILED, missing.exitCode(), missing.toString());
        assertEquals("ay\nbee\nay\n", Files.readString(merged), "a failed merge leaves the local file alone");
    }
}
