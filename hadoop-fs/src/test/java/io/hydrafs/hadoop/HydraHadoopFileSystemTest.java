package io.hydrafs.hadoop;

import io.hydrafs.minicluster.MiniCluster;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.ClusterStorageCapacityExceededException;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.CompositeCrcFileChecksum;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.XAttrSetFlag;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.AclStatus;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.DataChecksum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The adapter as Hadoop code uses it, against a real cluster: {@code FileSystem.get} on a
 * {@code hydra://} URI, then reads, writes and namespace calls with HDFS's answers and exceptions.
 */
class HydraHadoopFileSystemTest {
    /** Small blocks, so that a file of a few hundred KiB spans several. */
    private static final int BLOCK_SIZE = 128 * 1024;
    private static MiniCluster cluster;

    private FileSystem fs;
    /** Each test works under a directory of its own. */
    private Path dir;

    @BeforeAll
    static void startCluster() throws IOException {
        cluster = MiniCluster.builder().metaNodes(3).blockstores(3)
                .config("hydra.meta.namespace.min.block.size.bytes", "512")
                .config("hydra.meta.namespace.default.replication", "2")
                .config("hydra.meta.namespace.listing.page.size", "10")
                .config("hydra.meta.namespace.default.block.size.bytes", String.valueOf(BLOCK_SIZE)).start();
        cluster.awaitLiveBlockstores(3, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void connect(TestInfo test) throws IOException {
        fs = FileSystem.newInstance(URI.create("hydra://" + cluster.metaAddresses() + "/"), new Configuration());
        dir = new Path("/t/" + test.getTestMethod().orElseThrow().getName());
        assertTrue(fs.mkdirs(dir));
    }

    @AfterEach
    void close() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private void write(Path p, byte[] data) throws IOException {
        try (FSDataOutputStream out = fs.create(p, true, 4096, (short) 3, BLOCK_SIZE)) {
            out.write(data);
        }
    }

    private byte[] read(Path p) throws IOException {
        try (FSDataInputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    @Test
    void fileSystemGetFindsTheAdapterByItsSchemeAndNamesTheMetaNodesInItsUri() {
        assertInstanceOf(HydraHadoopFileSystem.class, fs);
        assertEquals("hydra", fs.getScheme());
        assertEquals("hydra://" + cluster.metaAddresses() + "/", fs.getUri().toString());
    }

    @Test
    void byteBufferReadsFillHeapAndDirectBuffersSequentiallyAndAtPositions() throws IOException {
        byte[] data = bytes(2 * BLOCK_SIZE + 333, 8);
        Path f = new Path(dir, "f");
        write(f, data);

        try (FSDataInputStream in = fs.open(f)) {
            assertTrue(in.hasCapability(StreamCapabilities.READBYTEBUFFER));
            assertTrue(in.hasCapability(StreamCapabilities.PREADBYTEBUFFER));
            ByteBuffer heap = ByteBuffer.allocate(BLOCK_SIZE + 10);
            while (heap.hasRemaining()) {
                assertTrue(in.read(heap) > 0);
            }
            assertArrayEquals(Arrays.copyOf(data, BLOCK_SIZE + 10), heap.array());

            ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
            in.readFully(BLOCK_SIZE - 50, direct);
            assertEquals(direct.limit(), direct.position());
            byte[] got = new byte[100_000];
            direct.flip().get(got);
            assertArrayEquals(Arrays.copyOfRange(data, BLOCK_SIZE - 50, BLOCK_SIZE - 50 + 100_000), got);
            assertEquals(BLOCK_SIZE + 10, in.getPos(), "a positional read leaves the position alone");

            ByteBuffer tail = ByteBuffer.allocateDirect(1_000);
            assertEquals(333, in.read(2L * BLOCK_SIZE, tail));
            assertEquals(-1, in.read(data.length, ByteBuffer.allocate(10)));
            assertEquals(0, in.read(ByteBuffer.allocate(0)));
            assertThrows(EOFException.class, () -> in.readFully(data.length - 5, ByteBuffer.allocateDirect(10)));
        }
    }

    @Test
    void anUnbufferedStreamReadsOnFromWhereItWas() throws IOException {
        byte[] data = bytes(BLOCK_SIZE + 5_000, 9);
        Path f = new Path(dir, "f");
        write(f, data);

        try (FSDataInputStream in = fs.open(f)) {
            assertTrue(in.hasCapability(StreamCapabilities.UNBUFFER));
            byte[] first = new byte[70_000];
            in.readFully(first);
            in.unbuffer();
            byte[] rest = new byte[data.length - first.length];
            in.readFully(rest);

            assertArrayEquals(Arrays.copyOfRange(data, first.length, data.length), rest);
        }
    }

    @Test
    void fileChecksumsAreCompositeCrcsThatMatchAcrossBlockSizes() throws IOException {
        byte[] data = bytes(3 * BLOCK_SIZE + 77, 10);
        Path big = new Path(dir, "big-blocks");
        Path small = new Path(dir, "small-blocks");
        write(big, data);
        try (FSDataOutputStream out = fs.create(small, true, 4096, (short) 2, BLOCK_SIZE / 2)) {
            out.write(data);
        }
        CRC32C crc = new CRC32C();
        crc.update(data);

        FileChecksum sum = fs.getFileChecksum(big);

        assertEquals(new CompositeCrcFileChecksum((int) crc.getValue(), DataChecksum.Type.CRC32C, 512), sum);
        assertEquals("COMPOSITE-CRC32C", sum.getAlgorithmName());
        assertEquals(sum, fs.getFileChecksum(small), "what DistCp compares after a copy");
        assertTrue(fs.hasPathCapability(big, CommonPathCapabilities.FS_CHECKSUMS));
        assertThrows(FileNotFoundException.class, () -> fs.getFileChecksum(dir));
        assertThrows(FileNotFoundException.class, () -> fs.getFileChecksum(new Path(dir, "none")));
    }

    @Test
    void statusReportsTheLiveBlockstoresStorage() throws IOException {
        FsStatus status = fs.getStatus();

        assertTrue(status.getCapacity() > 0, "capacity " + status.getCapacity());
        assertTrue(status.getRemaining() > 0 && status.getRemaining() <= status.getCapacity(),
                "remaining " + status.getRemaining() + " of " + status.getCapacity());
        assertTrue(status.getUsed() >= 0 && status.getUsed() <= status.getCapacity());
    }

    @Test
    void aMultiBlockFileReadsBackWholeAfterSeeksAndPositionalReads() throws IOException {
        byte[] data = bytes(3 * BLOCK_SIZE + 1234, 1);
        Path f = new Path(dir, "f");
        write(f, data);

        assertArrayEquals(data, read(f));
        try (FSDataInputStream in = fs.open(f)) {
            in.seek(BLOCK_SIZE + 7);
            byte[] some = new byte[100];
            in.readFully(some);
            assertArrayEquals(Arrays.copyOfRange(data, BLOCK_SIZE + 7, BLOCK_SIZE + 107), some);
            assertEquals(BLOCK_SIZE + 107, in.getPos());

            byte[] atEnd = new byte[50];
            in.readFully(data.length - 50, atEnd);
            assertArrayEquals(Arrays.copyOfRange(data, data.length - 50, data.length), atEnd);
            assertEquals(BLOCK_SIZE + 107, in.getPos(), "a positional read leaves the position alone");

            assertThrows(EOFException.class, () -> in.readFully(data.length - 10, new byte[20]));
            assertThrows(EOFException.class, () -> in.seek(data.length + 1));
            in.seek(data.length);
            assertEquals(-1, in.read());
        }
        assertEquals(data.length, fs.getFileStatus(f).getLen());
    }

    @Test
    void missingPathsAndClashesRaiseTheExceptionsHadoopCodeCatches() throws IOException {
        Path f = new Path(dir, "f");
        write(f, bytes(10, 2));

        assertThrows(FileNotFoundException.class, () -> fs.open(new Path(dir, "nope")));
        assertThrows(FileNotFoundException.class, () -> fs.getFileStatus(new Path(dir, "nope")));
        assertThrows(FileNotFoundException.class, () -> fs.listStatus(new Path(dir, "nope")));
        assertThrows(FileAlreadyExistsException.class, () -> fs.create(f, false));
        assertThrows(ParentNotDirectoryException.class, () -> fs.mkdirs(new Path(f, "sub")));
        assertThrows(FileNotFoundException.class, () -> fs.createNonRecursive(new Path(dir, "no/parent"),
                FsPermission.getFileDefault(), EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE), 4096, (short) 3,
                BLOCK_SIZE, null));
        assertThrows(PathIsNotEmptyDirectoryException.class, () -> fs.delete(dir, false));
        assertFalse(fs.exists(new Path(dir, "nope")));
    }

    @Test
    void concatJoinsFilesOfOneDirectoryAndRefusesWhatHdfsRefuses() throws IOException {
        Path t = new Path(dir, "t");
        Path s = new Path(dir, "s");
        Path empty = new Path(dir, "empty");
        Path sub = new Path(dir, "sub");
        byte[] first = bytes(BLOCK_SIZE + 10, 40);
        byte[] second = bytes(77, 41);
        write(t, first);
        write(s, second);
        write(empty, new byte[0]);
        fs.mkdirs(sub);

        assertThrows(FileNotFoundException.class, () -> fs.concat(t, new Path[] {sub}));
        assertThrows(FileNotFoundException.class, () -> fs.concat(t, new Path[] {new Path(dir, "nope")}));
        IOException refused = assertThrows(IOException.class, () -> fs.concat(t, new Path[] {s, empty}));
        assertTrue(refused.getMessage().contains("empty"), refused.getMessage());
        fs.concat(t, new Path[] {s});

        byte[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        assertArrayEquals(all, read(t));
        assertFalse(fs.exists(s));
        assertTrue(fs.hasPathCapability(t, CommonPathCapabilities.FS_CONCAT));
    }

    @Test
    void extendedAttributesBehaveAsOnHdfs() throws IOException {
        Path f = new Path(dir, "f");
        write(f, bytes(10, 42));
        byte[] blue = "blue".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        fs.setXAttr(f, "user.color", blue);
        fs.setXAttr(f, "user.empty", null, EnumSet.of(XAttrSetFlag.CREATE));

        assertArrayEquals(blue, fs.getXAttr(f, "user.color"));
        assertEquals(List.of("user.color", "user.empty"), fs.listXAttrs(f));
        assertEquals(List.of("user.color", "user.empty"), List.copyOf(fs.getXAttrs(f).keySet()));
        assertEquals(0, fs.getXAttrs(f, List.of("user.empty")).get("user.empty").length);
        IOException exists = assertThrows(IOException.class,
                () -> fs.setXAttr(f, "user.color", blue, EnumSet.of(XAttrSetFlag.CREATE)));
        assertFalse(exists instanceof FileAlreadyExistsException, "the path exists, not " + exists);
        assertThrows(IOException.class, () -> fs.setXAttr(f, "user.new", blue, EnumSet.of(XAttrSetFlag.REPLACE)));
        assertThrows(IOException.class, () -> fs.setXAttr(f, "nonamespace", blue));
        fs.removeXAttr(f, "user.color");
        IOException missing = assertThrows(IOException.class, () -> fs.getXAttr(f, "user.color"));
        assertFalse(missing instanceof FileNotFoundException, "the path exists, not " + missing);
        assertThrows(FileNotFoundException.class, () -> fs.listXAttrs(new Path(dir, "nope")));
        assertTrue(fs.hasPathCapability(f, CommonPathCapabilities.FS_XATTRS));
    }

    @Test
    void truncateIsDoneAtABlockBoundaryAndOtherwiseWhenTheFileIsClosed() throws IOException {
        Path f = new Path(dir, "f");
        byte[] data = bytes(BLOCK_SIZE + 5_000, 43);
        write(f, data);

        assertFalse(fs.truncate(f, BLOCK_SIZE + 100), "inside the second block");
        await().atMost(Duration.ofSeconds(60)).until(() -> ((org.apache.hadoop.fs.LeaseRecoverable) fs).isFileClosed(f));
        assertArrayEquals(Arrays.copyOf(data, BLOCK_SIZE + 100), read(f));
        assertTrue(fs.truncate(f, BLOCK_SIZE), "on the boundary");
        assertArrayEquals(Arrays.copyOf(data, BLOCK_SIZE), read(f));

        assertThrows(IOException.class, () -> fs.truncate(f, BLOCK_SIZE + 1));
        assertThrows(FileNotFoundException.class, () -> fs.truncate(dir, 0));
        assertThrows(FileNotFoundException.class, () -> fs.truncate(new Path(dir, "nope"), 0));
        assertTrue(fs.hasPathCapability(f, CommonPathCapabilities.FS_TRUNCATE));
    }

    @Test
    void renameAnswersFalseWhereHdfsDoesAndMovesIntoAnExistingDirectory() throws IOException {
        Path f = new Path(dir, "f");
        Path other = new Path(dir, "other");
        Path sub = new Path(dir, "sub");
        write(f, bytes(10, 3));
        write(other, bytes(10, 4));
        fs.mkdirs(sub);

        assertFalse(fs.rename(new Path(dir, "nope"), new Path(dir, "x")), "missing source");
        assertFalse(fs.rename(f, other), "destination file exists");
        assertFalse(fs.rename(dir, new Path(sub, "inside")), "a directory into its own subtree");
        assertFalse(fs.rename(f, new Path(dir, "no/parent")), "destination's parent missing");

        assertTrue(fs.rename(f, sub));
        assertTrue(fs.exists(new Path(sub, "f")));
        assertTrue(fs.rename(new Path(sub, "f"), new Path(dir, "g")));
        assertEquals(10, fs.getFileStatus(new Path(dir, "g")).getLen());
    }

    @Test
    void listingIsSortedWithQualifiedPathsAndAFileListsItself() throws IOException {
        for (String name : List.of("c", "a", "b")) {
            write(new Path(dir, name), bytes(5, name.hashCode()));
        }
        fs.mkdirs(new Path(dir, "d"));

        FileStatus[] listed = fs.listStatus(dir);

        assertEquals(List.of("a", "b", "c", "d"), Arrays.stream(listed).map(s -> s.getPath().getName()).toList());
        assertEquals(fs.makeQualified(new Path(dir, "a")), listed[0].getPath());
        assertTrue(listed[3].isDirectory());
        FileStatus[] self = fs.listStatus(new Path(dir, "a"));
        assertEquals(1, self.length);
        assertEquals(5, self[0].getLen());
    }

    @Test
    void aListingIteratorWalksEveryPageInNameOrder() throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            names.add(String.format("e%02d", i));
            fs.mkdirs(new Path(dir, names.get(i)));
        }

        List<String> listed = new ArrayList<>();
        for (var it = fs.listStatusIterator(dir); it.hasNext(); ) {
            listed.add(it.next().getPath().getName());
        }

        assertEquals(names, listed, "25 entries over pages of 10");
        assertThrows(FileNotFoundException.class, () -> fs.listStatusIterator(new Path(dir, "nope")));
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() throws IOException {
        fs.setWorkingDirectory(dir);
        write(new Path("rel"), bytes(7, 5));

        assertEquals(7, fs.getFileStatus(new Path(dir, "rel")).getLen());
        assertEquals(fs.makeQualified(dir), fs.getWorkingDirectory());
    }

    @Test
    void attributesAndContentSummaryAreThoseOfTheNamespace() throws IOException {
        Path f = new Path(dir, "f");
        write(f, bytes(1000, 6));
        fs.mkdirs(new Path(dir, "empty"));

        fs.setPermission(f, new FsPermission((short) 0600));
        fs.setOwner(f, "alice", "staff");
        fs.setTimes(f, 1_000_000L, 2_000_000L);
        assertTrue(fs.setReplication(f, (short) 2));
        assertFalse(fs.setReplication(new Path(dir, "nope"), (short) 2));

        FileStatus s = fs.getFileStatus(f);
        assertEquals((short) 0600, s.getPermission().toShort());
        assertEquals("alice", s.getOwner());
        assertEquals("staff", s.getGroup());
        assertEquals(1_000_000L, s.getModificationTime());
        assertEquals(2_000_000L, s.getAccessTime());
        assertEquals(2, s.getReplication());
        ContentSummary summary = fs.getContentSummary(dir);
        assertEquals(1000, summary.getLength());
        assertEquals(1, summary.getFileCount());
        assertEquals(2, summary.getDirectoryCount());
    }

    @Test
    void quotasAreSetWithSetQuotaShownInTheSummaryAndRefuseAsHadoopsCapacityException() throws IOException {
        Path q = new Path(dir, "q");
        assertTrue(fs.mkdirs(q));
        long space = 2L * BLOCK_SIZE * 3;
        fs.setQuota(q, 3, space);
        write(new Path(q, "f"), bytes(BLOCK_SIZE + 100, 1));

        // the next file's first block would reserve a whole block more than the space quota allows
        assertThrows(ClusterStorageCapacityExceededException.class, () -> write(new Path(q, "g"), bytes(100, 2)));
        assertThrows(ClusterStorageCapacityExceededException.class, () -> fs.mkdirs(new Path(q, "d")));

        ContentSummary summary = fs.getContentSummary(q);
        assertEquals(3, summary.getQuota());
        assertEquals(space, summary.getSpaceQuota());
        assertEquals(3, fs.getQuotaUsage(q).getQuota());
        fs.setQuota(q, -1, -1);
        assertEquals(-1, fs.getContentSummary(q).getQuota());
        assertTrue(fs.mkdirs(new Path(q, "d")));
    }

    @Test
    void aclsAreSetReadAndEnforcedThroughHadoopsAclApi() throws IOException {
        Path d = new Path(dir, "acl");
        assertTrue(fs.mkdirs(d, new FsPermission((short) 0750)));
        fs.setPermission(d, new FsPermission((short) 0750));
        Configuration asAlice = new Configuration();
        asAlice.set("hydra.client.user", "alice");
        try (FileSystem alice = FileSystem.newInstance(fs.getUri(), asAlice)) {
            assertThrows(AccessControlException.class, () -> alice.listStatus(d));

            fs.modifyAclEntries(d, AclEntry.parseAclSpec("user:alice:r-x,default:user:alice:rwx", true));

            assertEquals(0, alice.listStatus(d).length);
            assertTrue(fs.getFileStatus(d).hasAcl());
            AclStatus status = fs.getAclStatus(d);
            assertEquals(AclEntry.parseAclSpec("user:alice:r-x,group::r-x,default:user::rwx,default:user:alice:rwx,"
                    + "default:group::r-x,default:mask::rwx,default:other::---", true), status.getEntries());
            fs.create(new Path(d, "f")).close();
            assertEquals(AclEntry.parseAclSpec("user:alice:rwx,group::r-x", true),
                    fs.getAclStatus(new Path(d, "f")).getEntries());
            assertThrows(AccessControlException.class, () -> alice.removeAcl(d));
            IOException invalid = assertThrows(IOException.class,
                    () -> fs.setAcl(d, AclEntry.parseAclSpec("user::rwx", true)));
            assertTrue(invalid.getMessage().contains("Invalid ACL"), invalid.getMessage());

            fs.removeAcl(d);
            assertThrows(AccessControlException.class, () -> alice.listStatus(d));
            assertFalse(fs.getFileStatus(d).hasAcl());
            assertTrue(fs.hasPathCapability(d, CommonPathCapabilities.FS_ACLS));
        }
    }

    @Test
    void blockLocationsCoverTheRangeAskedWithTheHostsOfEachBlock() throws IOException {
        byte[] data = bytes(2 * BLOCK_SIZE + 100, 7);
        Path f = new Path(dir, "f");
        write(f, data);
        FileStatus status = fs.getFileStatus(f);

        BlockLocation[] all = fs.getFileBlockLocations(status, 0, status.getLen());
        BlockLocation[] last = fs.getFileBlockLocations(status, 2L * BLOCK_SIZE + 1, 10);

        assertEquals(List.of(0L, (long) BLOCK_SIZE, 2L * BLOCK_SIZE), Arrays.stream(all).map(BlockLocation::getOffset)
                .toList());
        assertEquals(data.length, Arrays.stream(all).mapToLong(BlockLocation::getLength).sum());
        for (BlockLocation b : all) {
            assertEquals(3, b.getHosts().length);
            assertTrue(Arrays.stream(b.getHosts()).allMatch("127.0.0.1"::equals), Arrays.toString(b.getHosts()));
        }
        assertEquals(1, last.length);
        assertEquals(2L * BLOCK_SIZE, last[0].getOffset());
        assertEquals(0, fs.getFileBlockLocations(status, data.length, 10).length);
    }

    @Test
    void filesCreatedWithHadoopsDefaultsGetTheClustersReplicationAndBlockSize() throws IOException {
        Path f = new Path(dir, "f");
        try (FSDataOutputStream out = fs.create(f)) {
            out.write(bytes(10, 11));
        }

        assertEquals(2, fs.getDefaultReplication(f));
        assertEquals(BLOCK_SIZE, fs.getDefaultBlockSize(f));
        assertEquals(2, fs.getFileStatus(f).getReplication());
        assertEquals(BLOCK_SIZE, fs.getFileStatus(f).getBlockSize());
    }

    @Test
    void hflushedBytesAreVisibleToANewReaderBeforeClose() throws IOException {
        Path f = new Path(dir, "log");
        byte[] data = bytes(3000, 8);
        try (FSDataOutputStream out = fs.create(f)) {
            assertTrue(out.hasCapability(StreamCapabilities.HFLUSH));
            out.write(data);
            out.hflush();

            assertArrayEquals(data, read(f));
        }
        assertArrayEquals(data, read(f));
    }

    @Test
    void deleteAnswersFalseForWhatIsNotThereAndRemovesTreesRecursively() throws IOException {
        write(new Path(dir, "sub/f"), bytes(10, 9));

        assertFalse(fs.delete(new Path(dir, "nope"), true));
        assertFalse(fs.delete(new Path("/"), true), "the root, as HDFS");
        assertTrue(fs.delete(new Path(dir, "sub"), true));
        assertFalse(fs.exists(new Path(dir, "sub")));
    }

    @Test
    void hadoopsOwnCopyUtilityMovesAFileToAndFromTheLocalFileSystem(@TempDir java.nio.file.Path local)
            throws IOException {
        byte[] data = bytes(BLOCK_SIZE + 333, 10);
        java.nio.file.Path in = Files.write(local.resolve("in"), data);
        Configuration conf = new Configuration();
        FileSystem localFs = FileSystem.getLocal(conf);
        Path remote = new Path(dir, "copied");

        assertTrue(FileUtil.copy(localFs, new Path(in.toUri()), fs, remote, false, conf));
        assertTrue(FileUtil.copy(fs, remote, localFs, new Path(local.resolve("out").toUri()), false, conf));

        assertArrayEquals(data, Files.readAllBytes(local.resolve("out")));
    }
}
