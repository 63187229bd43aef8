package io.hydrafs.compute.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code key<TAB>value\n} per record, UTF-8, using {@code String.valueOf} of key and value. */
public final class TextOutputFormat<K, V> implements OutputFormat<K, V> {

    @Override
    public RecordWriter<K, V> writer(OutputStream out) {
        return new CountingWriter<>(out) {
            @Override
            public void write(K key, V value) throws IOException {
                writeBytes((key + "\t" + value + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
