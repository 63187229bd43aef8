package io.hydrafs.compute.output;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How reduce output records become bytes of a part file. The writer owns {@code out}
 * (closing the writer closes it); where the file lives and when it becomes visible is the
 * {@link OutputCommitter}'s business, not the format's.
 */
@FunctionalInterface
public interface OutputFormat<K, V> {

    RecordWriter<K, V> writer(OutputStream out) throws IOException;
}
