package io.hydrafs.client.data;

import io.hydrafs.protocol.data.DataChecksums;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketBuilderTest {
    private static final int PACKET = DataChecksums.PACKET_DATA_BYTES;
    private static final int CHUNK = DataChecksums.BYTES_PER_CHUNK;

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** Writes everything, taking packets when full; returns them. */
    private static List<WritePacket> writeAll(PacketBuilder builder, byte[] data) {
        List<WritePacket> packets = new ArrayList<>();
        int off = 0;
        while (off < data.length) {
            off += builder.write(data, off, data.length - off);
            if (builder.packetFull()) {
                packets.add(builder.take(false));
            }
        }
        return packets;
    }

    @Test
    void fullPacketsHold64KibStartOnChunkBoundariesAndCarryOneChecksumPerChunk() {
        PacketBuilder builder = new PacketBuilder(1L << 20);
        byte[] data = bytes(2 * PACKET + 1000, 1);

        List<WritePacket> packets = writeAll(builder, data);
        packets.add(builder.take(false));

        assertEquals(3, packets.size());
        for (int i = 0; i < 3; i++) {
            WritePacket p = packets.get(i);
            assertEquals(i, p.seqno());
            assertEquals((long) i * PACKET, p.offsetInBlock());
            assertEquals(0, p.offsetInBlock() % CHUNK);
            assertEquals(DataChecksums.chunks(p.data().length) * 4, p.checksums().length);
            assertArrayEquals(DataChecksums.compute(ByteBuffer.wrap(p.data())), p.checksums());
        }
        assertEquals(1000, packets.get(2).data().length);
        assertArrayEquals(Arrays.copyOfRange(data, 2 * PACKET, data.length), packets.get(2).data());
    }

    @Test
    void packetAfterAFlushedPartialChunkRestartsAtItsBoundaryAndResendsIt() {
        PacketBuilder builder = new PacketBuilder(1L << 20);
        byte[] first = bytes(CHUNK + 100, 2);
        builder.write(first, 0, first.length);
        WritePacket flushed = builder.take(true);
        byte[] second = bytes(50, 3);
        builder.write(second, 0, second.length);

        WritePacket next = builder.take(false);

        assertTrue(flushed.sync());
        assertEquals(0, flushed.offsetInBlock());
        assertEquals(CHUNK + 100, flushed.end());
        assertEquals(CHUNK, next.offsetInBlock(), "restarts at the partial chunk's boundary");
        assertEquals(150, next.data().length);
        assertArrayEquals(Arrays.copyOfRange(first, CHUNK, first.length), Arrays.copyOfRange(next.data(), 0, 100));
        assertArrayEquals(second, Arrays.copyOfRange(next.data(), 100, 150));
        assertArrayEquals(DataChecksums.compute(ByteBuffer.wrap(next.data())), next.checksums());
        assertEquals(1, next.seqno());
    }

    @Test
    void checksumOfAPartialChunkCoversOnlyItsBytes() {
        PacketBuilder builder = new PacketBuilder(1L << 20);
        byte[] data = bytes(700, 4);
        builder.write(data, 0, data.length);

        WritePacket p = builder.take(false);

        assertEquals(8, p.checksums().length);
        byte[] tail = DataChecksums.compute(ByteBuffer.wrap(data, CHUNK, 700 - CHUNK));
        assertArrayEquals(tail, Arrays.copyOfRange(p.checksums(), 4, 8));
    }

    @Test
    void flushWithNothingNewHasNothingToSend() {
        PacketBuilder builder = new PacketBuilder(1L << 20);
        builder.write(bytes(10, 5), 0, 10);
        builder.take(false);

        assertFalse(builder.hasUnsent(), "the kept partial chunk was already sent");
        assertThrows(IllegalStateException.class, () -> builder.take(false));
    }

    @Test
    void writesStopAtTheBlockEndAndTheLastPacketIsEmptyAtTheBlockLength() {
        PacketBuilder builder = new PacketBuilder(2 * CHUNK);
        byte[] data = bytes(3 * CHUNK, 6);

        int taken = builder.write(data, 0, data.length);
        assertEquals(2 * CHUNK, taken);
        assertTrue(builder.blockFull() && builder.packetFull());
        WritePacket p = builder.take(false);
        WritePacket last = builder.lastPacket();

        assertEquals(2 * CHUNK, p.data().length);
        assertTrue(last.last());
        assertEquals(0, last.data().length);
        assertEquals(2 * CHUNK, last.offsetInBlock());
        assertEquals(1, last.seqno());
    }

    @Test
    void appendingToAPartialBlockStartsWithItsPartialChunkWhichIsNotSentAlone() {
        byte[] partial = bytes(100, 7);
        PacketBuilder builder = new PacketBuilder(1L << 20, 3L * CHUNK + 100, partial);
        assertFalse(builder.hasUnsent());

        builder.write(bytes(20, 8), 0, 20);
        WritePacket p = builder.take(false);

        assertEquals(3L * CHUNK, p.offsetInBlock());
        assertEquals(120, p.data().length);
        assertArrayEquals(partial, Arrays.copyOfRange(p.data(), 0, 100));
        assertEquals(0, p.seqno());
    }

    @Test
    void unackedPacketsNeverStartAfterTheAckedBytes() {
        // acks are per packet: acked bytes end at a packet end; the next packet starts at or before it
        PacketBuilder builder = new PacketBuilder(1L << 20);
        List<WritePacket> packets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            builder.write(bytes(37 * i + 1, i), 0, 37 * i + 1);
            packets.add(builder.take(false));
        }
        for (int i = 0; i + 1 < packets.size(); i++) {
            long acked = packets.get(i).end();
            assertTrue(packets.get(i + 1).offsetInBlock() <= acked);
            assertTrue(packets.get(i + 1).end() > acked);
        }
    }
}
