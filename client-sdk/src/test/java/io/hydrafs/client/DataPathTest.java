package io.hydrafs.client;

import io.hydrafs.client.fake.FakeBlockstore;
import io.hydrafs.client.fake.FakeDataNamespace;
import io.hydrafs.client.fake.FakeMetaCluster;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.WriteBlockRequest;
import io.hydrafs.protocol.data.WriteStage;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.ReportBadReplicaRequest;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data path over real sockets: HydraFileSystem against {@link FakeBlockstore}s (in-memory
 * data ports on 127.0.0.1) and a {@link FakeMetaCluster} whose block answers come from
 * {@link FakeDataNamespace}.
 */
class DataPathTest {
    private static final int PACKET = DataChecksums.PACKET_DATA_BYTES;
    private static final long BLOCK = 4L * PACKET;  // 256 KiB: a few packets per block

    private final FakeMetaCluster cluster = new FakeMetaCluster();
    private final FakeDataNamespace namespace = new FakeDataNamespace(cluster, "/f", BLOCK);
    private final List<FakeBlockstore> blockstores = new ArrayList<>();
    private HydraFileSystem fs;
    private FakeBlockstore a;
    private FakeBlockstore b;

    @BeforeEach
    void start() throws Exception {
        a = blockstore("bs-a");
        b = blockstore("bs-b");
        namespace.pipeline(a);
        fs = HydraFileSystem.connect(cluster.clientOptions().dataAckTimeoutMs(5_000).dataConnectTimeoutMs(2_000)
                .writeWindowPackets(3).readBufferPackets(2).build());
    }

    @AfterEach
    void stop() {
        fs.close();
        blockstores.forEach(FakeBlockstore::close);
    }

    private FakeBlockstore blockstore(String id) throws InterruptedException {
        FakeBlockstore bs = new FakeBlockstore(id);
        blockstores.add(bs);
        return bs;
    }

    private static byte[] data(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 7 + i / 251);
        }
        return d;
    }

    /** Writes in uneven pieces so packets and blocks end in the middle of writes. */
    private void write(byte[] d) throws HydraException {
        try (HydraOutputStream out = fs.create("/f")) {
            int off = 0;
            int piece = 1;
            while (off < d.length) {
                int n = Math.min(piece, d.length - off);
                out.write(d, off, n);
                off += n;
                piece = piece * 3 + 17;
            }
        }
    }

    private byte[] readAll() throws HydraException {
        try (HydraInputStream in = fs.open("/f")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[10_000];
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    /** The file's bytes as the fake blockstore holds them, block after block. */
    private byte[] storedOn(FakeBlockstore bs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (BlockProto block : namespace.blocks()) {
            FakeBlockstore.Replica r = bs.replica(block.getBlockId());
            assertTrue(r.finalized(), "block " + block.getBlockId() + " finalized");
            assertEquals(block.getNumBytes(), r.bytes().length);
            out.writeBytes(r.bytes());
        }
        return out.toByteArray();
    }

    /** A closed file of {@code d}'s bytes whose every replica is on {@code nodes}. */
    private void existingFile(byte[] d, FakeBlockstore... nodes) {
        List<BlockProto> blocks = new ArrayList<>();
        for (int off = 0, id = 1; off < d.length; off += (int) BLOCK, id++) {
            byte[] part = Arrays.copyOfRange(d, off, (int) Math.min(d.length, off + BLOCK));
            blocks.add(BlockProto.newBuilder().setBlockId(id).setGenerationStamp(5).setNumBytes(part.length).build());
            for (FakeBlockstore n : nodes) {
                n.putReplica(id, 5, part);
            }
        }
        namespace.existingFile(blocks);
        namespace.readOrder(nodes);
    }

    // ---- writes ----

    @Test
    void multiPacketBlocksWrittenToOneNodeReadBackIdentical() throws Exception {
        byte[] d = data((int) (2 * BLOCK + PACKET + 123));

        write(d);

        assertEquals(3, namespace.blocks().size());
        assertArrayEquals(d, storedOn(a));
        assertTrue(!namespace.underConstruction(), "completed");
        assertArrayEquals(d, readAll());
    }

    @Test
    void eachNewBlockNamesTheFinishedOneAsPrevious() throws Exception {
        write(data((int) (BLOCK + 10)));

        List<AddBlockRequest> adds = cluster.served(MetaMethods.ADD_BLOCK).stream()
                .map(r -> FakeMetaCluster.payload(r.request(), AddBlockRequest.parser())).toList();
        assertEquals(2, adds.size());
        assertTrue(!adds.get(0).hasPrevious());
        assertEquals(BLOCK, adds.get(1).getPrevious().getNumBytes());
    }

    @Test
    void aPacketDamagedOnceIsSentAgainAndTheBlockIsIntact() throws Exception {
        a.checksumMismatchOnce(1);
        byte[] d = data(3 * PACKET + 5);

        write(d);

        assertArrayEquals(d, storedOn(a));
        assertEquals(1, a.writeRequests().size(), "no pipeline recovery for a damaged packet");
    }

    @Test
    void hflushedPartialChunkIsResentWithTheBytesAfterIt() throws Exception {
        byte[] d = data(1500);
        try (HydraOutputStream out = fs.create("/f")) {
            out.write(d, 0, 700);
            out.hflush();
            assertEquals(700, a.replica(1000).bytes().length, "hflush waits for the ack");
            out.write(d, 700, 800);
            out.hsync();
        }
        assertArrayEquals(d, storedOn(a));
    }

    @Test
    void aFailedDownstreamNodeIsDroppedAndTheBlockContinuesOnTheSurvivors() throws Exception {
        namespace.pipeline(a, b);  // a answers for b too (single-node fake)
        a.failNodeInAck(1, 2);
        byte[] d = data(3 * PACKET + 5);

        write(d);

        UpdatePipelineRequest update = cluster.lastServed(MetaMethods.UPDATE_PIPELINE, UpdatePipelineRequest.parser());
        assertEquals(List.of("bs-a"), update.getTargetsList());
        assertEquals(2L * PACKET, update.getBlock().getNumBytes(), "acked bytes: two packets");
        List<WriteBlockRequest> setups = a.writeRequests();
        assertEquals(WriteStage.RECOVER_PIPELINE, setups.get(1).getStage());
        assertEquals(1, setups.get(1).getOldGenerationStamp());
        assertEquals(2, setups.get(1).getBlock().getGenerationStamp());
        assertEquals(0, setups.get(1).getDownstreamCount());
        assertArrayEquals(d, storedOn(a));
    }

    @Test
    void aFirstNodeLostBeforeAnyAckGetsTheBlockReplacedElsewhere() throws Exception {
        namespace.pipeline(a, b);
        a.dropConnectionAfterPackets(0);
        byte[] d = data(PACKET + 1);

        write(d);

        assertEquals(1, cluster.served(MetaMethods.ABANDON_BLOCK).size());
        AddBlockRequest retry = cluster.lastServed(MetaMethods.ADD_BLOCK, AddBlockRequest.parser());
        assertEquals(List.of("bs-a"), retry.getExcludedNodesList());
        assertArrayEquals(d, storedOn(b));
    }

    @Test
    void aStreamWhosePipelineHasNoNodeLeftFailsAndStaysFailed() throws Exception {
        byte[] d = data(3 * PACKET);
        HydraOutputStream out = fs.create("/f");
        out.write(d, 0, PACKET);
        out.hflush();
        a.close();

        HydraException e = assertThrows(HydraException.class, () -> {
            out.write(d, PACKET, 2 * PACKET);
            out.hflush();
        });
        assertEquals(ErrorCode.PIPELINE_FAILED, e.code());
        assertEquals(ErrorCode.PIPELINE_FAILED, assertThrows(HydraException.class, out::hflush).code());
    }

    @Test
    void appendContinuesAPartialLastBlockOnItsReplicaThenAddsBlocks() throws Exception {
        byte[] d = data((int) (BLOCK + PACKET + 100));
        existingFile(Arrays.copyOf(d, 1000), a);
        namespace.pipeline(a);

        try (HydraOutputStream out = fs.append("/f")) {
            out.write(d, 1000, d.length - 1000);
        }

        WriteBlockRequest reopen = a.writeRequests().get(0);
        assertEquals(WriteStage.APPEND, reopen.getStage());
        assertEquals(5, reopen.getOldGenerationStamp());
        assertEquals(6, reopen.getBlock().getGenerationStamp());
        assertEquals(2, namespace.blocks().size());
        assertArrayEquals(d, storedOn(a));
        assertArrayEquals(d, readAll());
    }

    // ---- reads ----

    @Test
    void aCorruptReplicaIsReportedAndTheNextOneRead() throws Exception {
        byte[] d = data((int) BLOCK + 1000);
        existingFile(d, a, b);
        a.corruptReads(true);

        assertArrayEquals(d, readAll());

        ReportBadReplicaRequest report = cluster.lastServed(MetaMethods.REPORT_BAD_REPLICA, ReportBadReplicaRequest.parser());
        assertEquals("bs-a", report.getBlockstoreId());
        assertEquals(1, report.getBlock().getBlockId());
    }

    @Test
    void aDeadFirstReplicaIsSkippedForTheSecond() throws Exception {
        byte[] d = data(5000);
        existingFile(d, a, b);
        a.close();

        assertArrayEquals(d, readAll());
        assertTrue(cluster.served(MetaMethods.REPORT_BAD_REPLICA).isEmpty(), "only checksum errors are reported");
    }

    @Test
    void noReadableReplicaFailsWithBlockMissingNamingTheBlockAndPath() throws Exception {
        byte[] d = data(5000);
        existingFile(d, a, b);
        a.close();
        b.close();

        HydraException e = assertThrows(HydraException.class, this::readAll);

        assertEquals(ErrorCode.BLOCK_MISSING, e.code());
        assertTrue(e.getMessage().contains("block 1 of /f"), e.getMessage());
    }

    @Test
    void seeksAndPositionalReadsAroundChunkAndBlockBoundaries() throws Exception {
        byte[] d = data((int) (2 * BLOCK + 777));
        existingFile(d, a);
        long[] positions = {0, 511, 512, 513, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 776};
        try (HydraInputStream in = fs.open("/f")) {
            for (long p : positions) {
                int n = (int) Math.min(1000, d.length - p);
                byte[] buf = new byte[n];
                long before = in.getPos();
                in.readFully(p, buf);
                assertArrayEquals(Arrays.copyOfRange(d, (int) p, (int) p + n), buf, "positional at " + p);
                assertEquals(before, in.getPos(), "positional reads leave the position");

                in.seek(p);
                assertEquals(d[(int) p] & 0xff, in.read(), "read after seek to " + p);
                assertEquals(p + 1, in.getPos());
            }
        }
    }

    @Test
    void readsAtTheEndReturnMinusOneAndBadSeeksFail() throws Exception {
        byte[] d = data(2000);
        existingFile(d, a);
        try (HydraInputStream in = fs.open("/f")) {
            in.seek(2000);
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[10], 0, 10));
            assertEquals(0, in.read(new byte[10], 0, 0), "asking for nothing answers 0, even at the end");
            assertEquals(-1, in.read(2500, new byte[10], 0, 10));
            assertEquals(0, in.available());
            assertEquals(ErrorCode.END_OF_FILE, assertThrows(HydraException.class, () -> in.seek(2001)).code());
            assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(HydraException.class, () -> in.seek(-1)).code());
            assertEquals(ErrorCode.END_OF_FILE,
                    assertThrows(HydraException.class, () -> in.readFully(1990, new byte[20])).code());
        }
    }

    @Test
    void aSequentialReadStreamsEachBlockOverOneConnection() throws Exception {
        byte[] d = data((int) (2 * BLOCK));
        existingFile(d, a);

        assertArrayEquals(d, readAll());

        assertEquals(2, a.reads(), "one read request per block");
    }
}
