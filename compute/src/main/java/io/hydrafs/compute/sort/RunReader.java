package io.hydrafs.compute.sort;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one segment {@code [start, end)} of a run file written by
 * {@link RunWriter}. A segment that ends inside a record means a truncated or foreign file:
 * that is reported as IO_ERROR rather than returned as a short record.
 */
public final class RunReader implements RecordSource {
    private final Path file;
    private final DataInputStream in;
    private final long length;
    private long read;

    public RunReader(Path file, long start, long end) throws IOException {
        this.file = file;
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(start);
        InputStream raw = Channels.newInputStream(ch);
        this.in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024));
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
        try {
            int keyLength = readVarint();
            int valueLength = readVarint();
            byte[] key = new byte[keyLength];
            byte[] value = new byte[valueLength];
            in.readFully(key);
            in.readFully(value);
            read += keyLength + valueLength;
            if (read > length) {
                throw new EOFException("record crosses the segment end");
            }
            return new RawRecord(key, value);
        } catch (EOFException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "run file " + file + " is truncated at " + read, e);
        }
    }

    private int readVarint() throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            read++;
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new HydraException(ErrorCode.IO_ERROR, "run file " + file + " has a malformed length at " + read);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
