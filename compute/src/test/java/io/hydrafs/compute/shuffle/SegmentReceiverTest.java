package io.hydrafs.compute.shuffle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentReceiverTest {
    private static final byte[] SEGMENT = "0123456789".getBytes();

    @TempDir
    Path dir;

    private static int crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    @Test
    void aCompleteSegmentWithItsChecksumIsKept() throws IOException {
        Path target = dir.resolve("sub/seg");
        SegmentReceiver r = new SegmentReceiver(target, SEGMENT.length, crc(SEGMENT));
        r.write(ByteBuffer.wrap(SEGMENT, 0, 4));
        r.write(ByteBuffer.wrap(SEGMENT, 4, 6));

        assertEquals(SEGMENT.length, r.finish());
        assertArrayEquals(SEGMENT, Files.readAllBytes(target));
    }

    @Test
    void aShortSegmentIsTruncated() throws IOException {
        SegmentReceiver r = new SegmentReceiver(dir.resolve("seg"), SEGMENT.length, crc(SEGMENT));
        r.write(ByteBuffer.wrap(SEGMENT, 0, 9));

        IOException e = assertThrows(IOException.class, r::finish);
        assertTrue(e.getMessage().contains("truncated: got 9 of 10"), e.getMessage());
    }

    @Test
    void bytesBeyondTheAnnouncedLengthAreRefused() throws IOException {
        SegmentReceiver r = new SegmentReceiver(dir.resolve("seg"), 4, 0);

        assertThrows(IOException.class, () -> r.write(ByteBuffer.wrap(SEGMENT)));
    }

    @Test
    void aSegmentNotMatchingItsChecksumIsCorrupt() throws IOException {
        SegmentReceiver r = new SegmentReceiver(dir.resolve("seg"), SEGMENT.length, crc(SEGMENT) ^ 1);
        r.write(ByteBuffer.wrap(SEGMENT));

        IOException e = assertThrows(IOException.class, r::finish);
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void abortRemovesTheTarget() throws IOException {
        Path target = dir.resolve("seg");
        SegmentReceiver r = new SegmentReceiver(target, SEGMENT.length, crc(SEGMENT));
        r.write(ByteBuffer.wrap(SEGMENT, 0, 3));

        r.abort();

        assertFalse(Files.exists(target));
    }
}
