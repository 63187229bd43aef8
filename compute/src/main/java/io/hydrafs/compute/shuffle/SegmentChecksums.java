package io.hydrafs.compute.shuffle;

import io.hydrafs.compute.sort.MapOutputFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * CRC32C of every partition segment of a map output, taken once when the output is
 * registered (the file was just written, so this read usually hits the page cache).
 *
 * <p>Why: the segment crosses a disk that may rot between the map and the last reducer's
 * fetch, and TCP's 16-bit checksum lets rare corruptions through. The server sends each
 * segment's CRC in a header and the fetcher checks the bytes it stored against it, so a
 * corrupt segment fails the fetch instead of feeding a reducer garbage that may still parse.
 */
final class SegmentChecksums {
    /** Response header carrying the segment's CRC32C as 8 hex digits. */
    static final String HEADER = "X-Hydra-Segment-Crc32c";
    private static final int BUFFER_BYTES = 64 * 1024;

    private SegmentChecksums() {
    }

    static int[] compute(MapOutputFile output) throws IOException {
        int[] crcs = new int[output.partitions()];
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try (FileChannel ch = FileChannel.open(output.file(), StandardOpenOption.READ)) {
            for (int p = 0; p < crcs.length; p++) {
                CRC32C crc = new CRC32C();
                long position = output.offsets()[p];
                long end = output.offsets()[p + 1];
                while (position < end) {
                    buffer.clear().limit((int) Math.min(BUFFER_BYTES, end - position));
                    int n = ch.read(buffer, position);
                    if (n < 0) {
                        throw new IOException(output.file() + " ends at " + position + ", before its index says ("
                                + end + ")");
                    }
                    position += n;
                    crc.update(buffer.flip());
                }
                crcs[p] = (int) crc.getValue();
            }
        }
        return crcs;
    }

    static String format(int crc) {
        return String.format("%08x", crc);
    }

    /** The CRC a header carries, or null when the header is absent or malformed. */
    static Integer parse(String header) {
        if (header == null || !header.matches("[0-9a-fA-F]{8}")) {
            return null;
        }
        return (int) Long.parseLong(header, 16);
    }
}
