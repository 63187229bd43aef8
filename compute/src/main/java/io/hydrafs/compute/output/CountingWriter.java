package io.hydrafs.compute.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The buffering and byte counting every output format needs; subclasses encode records. */
abstract class CountingWriter<K, V> implements RecordWriter<K, V> {
    private final OutputStream out;
    private long written;

    CountingWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
    }

    final void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    @Override
    public final long bytesWritten() {
        return written;
    }

    @Override
    public final void close() throws IOException {
        out.close();
    }
}
