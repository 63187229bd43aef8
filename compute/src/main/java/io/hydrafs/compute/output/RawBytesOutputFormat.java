package io.hydrafs.compute.output;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Key bytes then value bytes, nothing between records: the output of a job over binary
 * records (the sort example writes its 100-byte records back exactly as they were read).
 */
public final class RawBytesOutputFormat implements OutputFormat<byte[], byte[]> {

    @Override
    public RecordWriter<byte[], byte[]> writer(OutputStream out) {
        return new CountingWriter<>(out) {
            @Override
            public void write(byte[] key, byte[] value) throws IOException {
                writeBytes(key);
                writeBytes(value);
            }
        };
    }
}
