package io.hydrafs.compute.sort;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads the records of one segment {@code [start, end)} of a run file written by
 * {@link RunWriter}. A segment that ends inside a record means a truncated or foreign file:
 * that is reported as IO_ERROR rather than returned as a short record. Like the writer it
 * parses straight out of its own buffer (a record that straddles two reads is assembled).
 */
public final class RunReader implements RecordSource {
    private final Path file;
    private final FileChannel channel;
    private final long length;
    private final byte[] buffer = new byte[RunWriter.BUFFER_BYTES];
    private int pos;
    private int limit;
    /** Bytes of the segment loaded into the buffer so far, and of records returned so far. */
    private long loaded;
    private long read;

    public RunReader(Path file, long start, long end) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(start);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.length = end - start;
    }

    /** Bytes consumed so far. */
    public long bytesRead() {
        return read;
    }

    @Override
    public RawRecord next() throws IOException {
        if (read >= length) {
            return null;
        }
        int keyLength = readVarint();
        int valueLength = readVarint();
        byte[] key = take(keyLength);
        byte[] value = take(valueLength);
        return new RawRecord(key, value);
    }

    private int readVarint() throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (pos == limit) {
                fill();
            }
            int b = buffer[pos++] & 0xff;
            read++;
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (v < 0) {
                    break;
                }
                return v;
            }
        }
        throw new HydraException(ErrorCode.IO_ERROR, "run file " + file + " has a malformed length at " + read);
    }

    private byte[] take(int n) throws IOException {
        if (limit - pos >= n) {
            byte[] b = Arrays.copyOfRange(buffer, pos, pos + n);
            pos += n;
            read += n;
            return b;
        }
        if (length - read < n) {
            throw truncated();
        }
        byte[] b = new byte[n];
        int copied = 0;
        while (copied < n) {
            if (pos == limit) {
                fill();
            }
            int c = Math.min(n - copied, limit - pos);
            System.arraycopy(buffer, pos, b, copied, c);
            pos += c;
            copied += c;
        }
        read += n;
        return b;
    }

    /** Loads the next part of the segment; throws if the segment has no bytes left. */
    private void fill() throws IOException {
        long left = length - loaded;
        if (left <= 0) {
            throw truncated();
        }
        ByteBuffer into = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, left));
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                break;
            }
        }
        if (into.position() == 0) {
            throw truncated();
        }
        pos = 0;
        limit = into.position();
        loaded += limit;
    }

    private HydraException truncated() {
        return new HydraException(ErrorCode.IO_ERROR, "run file " + file + " is truncated at " + read);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
