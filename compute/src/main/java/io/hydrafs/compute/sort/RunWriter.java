package io.hydrafs.compute.sort;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a run file: records as {@code [varint key length][varint value length][key][value]},
 * one partition after another. The writer only tracks its position; the caller notes where
 * each partition starts (the {@link MapOutputFile} index) because the file has no header.
 * It fills its own buffer rather than going through Data/BufferedOutputStream, whose
 * synchronized per-byte calls were a fifth of a sort map's CPU.
 */
final class RunWriter implements Closeable {
    static final int BUFFER_BYTES = 128 * 1024;
    private static final int MAX_VARINT_BYTES = 5;

    private final FileChannel channel;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int buffered;
    private long position;

    RunWriter(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    long position() {
        return position;
    }

    void write(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength)
            throws IOException {
        if (buffered + 2 * MAX_VARINT_BYTES > buffer.length) {
            flush();
        }
        int start = buffered;
        buffered = putVarint(buffer, putVarint(buffer, buffered, keyLength), valueLength);
        position += buffered - start;
        put(key, keyOffset, keyLength);
        put(value, valueOffset, valueLength);
    }

    void write(RawRecord r) throws IOException {
        write(r.key(), 0, r.key().length, r.value(), 0, r.value().length);
    }

    private void put(byte[] b, int offset, int length) throws IOException {
        position += length;
        while (length > 0) {
            if (buffered == buffer.length) {
                flush();
            }
            int n = Math.min(length, buffer.length - buffered);
            System.arraycopy(b, offset, buffer, buffered, n);
            buffered += n;
            offset += n;
            length -= n;
        }
    }

    /** Writes {@code v} as a varint at {@code at}; returns the index after it. */
    static int putVarint(byte[] into, int at, int v) {
        while ((v & ~0x7f) != 0) {
            into[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        into[at++] = (byte) v;
        return at;
    }

    private void flush() throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, buffered);
        while (out.hasRemaining()) {
            channel.write(out);
        }
        buffered = 0;
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            flush();
        }
    }
}
