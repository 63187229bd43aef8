package io.hydrafs.compute.sort;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run file: records as {@code [varint key length][varint value length][key][value]},
 * one partition after another. The writer only tracks its position; the caller notes where
 * each partition starts (the {@link MapOutputFile} index) because the file has no header.
 */
final class RunWriter implements Closeable {
    private final DataOutputStream out;
    private long position;

    RunWriter(Path file) throws IOException {
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024));
    }

    long position() {
        return position;
    }

    void write(byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength)
            throws IOException {
        position += writeVarint(keyLength) + writeVarint(valueLength);
        out.write(key, keyOffset, keyLength);
        out.write(value, valueOffset, valueLength);
        position += keyLength + valueLength;
    }

    void write(RawRecord r) throws IOException {
        write(r.key(), 0, r.key().length, r.value(), 0, r.value().length);
    }

    private int writeVarint(int v) throws IOException {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            out.write((v & 0x7f) | 0x80);
            v >>>= 7;
            n++;
        }
        out.write(v);
        return n;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
