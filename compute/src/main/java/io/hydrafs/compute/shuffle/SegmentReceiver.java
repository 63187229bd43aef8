package io.hydrafs.compute.shuffle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Stores one fetched segment in its target file while checking it: the bytes must be exactly
 * the announced length and match the announced CRC32C. {@link #finish()} is the only way a
 * target survives; {@link #abort()} removes it, so a reducer never sees a short or corrupt
 * segment. One thread at a time (the connection's I/O thread).
 */
final class SegmentReceiver {
    private final Path target;
    private final long expectedBytes;
    private final int expectedCrc;
    private final CRC32C crc = new CRC32C();
    private final FileChannel out;
    private long received;

    SegmentReceiver(Path target, long expectedBytes, int expectedCrc) throws IOException {
        this.target = target;
        this.expectedBytes = expectedBytes;
        this.expectedCrc = expectedCrc;
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
    }

    long received() {
        return received;
    }

    void write(ByteBuffer bytes) throws IOException {
        int n = bytes.remaining();
        if (received + n > expectedBytes) {
            throw new IOException("more bytes than the announced " + expectedBytes);
        }
        crc.update(bytes.duplicate());
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        received += n;
    }

    /** Closes the target after checking length and checksum; returns the segment's length. */
    long finish() throws IOException {
        out.close();
        if (received != expectedBytes) {
            throw new IOException("segment truncated: got " + received + " of " + expectedBytes + " bytes");
        }
        if ((int) crc.getValue() != expectedCrc) {
            throw new IOException("segment corrupt: CRC32C " + SegmentChecksums.format((int) crc.getValue())
                    + " but the server announced " + SegmentChecksums.format(expectedCrc));
        }
        return received;
    }

    /** Closes and deletes the target. Idempotent; never throws (it runs on failure paths). */
    void abort() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing in it matters
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // a leftover in a reducer's work directory is removed with the attempt's directory
        }
    }
}
