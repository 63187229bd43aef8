package io.hydrafs.hadoop;

import io.hydrafs.client.HydraOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.StreamCapabilities;
import org.apache.hadoop.fs.Syncable;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/**
 * A HydraFS file being written, as Hadoop writes it: {@code hflush} makes the bytes visible to
 * new readers and {@code hsync} also forces them to the blockstores' disks, as on HDFS, and the
 * stream says so when asked ({@link StreamCapabilities}), which HBase-style writers check.
 * Failures come as Hadoop's exceptions (a full quota as ClusterStorageCapacityExceededException).
 */
final class HydraFsOutputStream extends FSDataOutputStream {
    HydraFsOutputStream(HydraOutputStream out, FileSystem.Statistics statistics) {
        super(new SyncableStream(out), statistics);
    }

    /** What {@link FSDataOutputStream} wraps: it forwards hflush, hsync and capabilities here. */
    private static final class SyncableStream extends OutputStream implements Syncable, StreamCapabilities {
        private final HydraOutputStream out;

        SyncableStream(HydraOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            HadoopErrors.translating(() -> out.write(b));
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            HadoopErrors.translating(() -> out.write(b, off, len));
        }

        /** Buffered bytes stay buffered: only hflush and hsync cost a round trip, as on HDFS. */
        @Override
        public void flush() {
        }

        @Override
        public void hflush() throws IOException {
            HadoopErrors.translating(out::hflush);
        }

        @Override
        public void hsync() throws IOException {
            HadoopErrors.translating(out::hsync);
        }

        @Override
        public boolean hasCapability(String capability) {
            return switch (capability.toLowerCase(Locale.ROOT)) {
                case StreamCapabilities.HFLUSH, StreamCapabilities.HSYNC -> true;
                default -> false;
            };
        }

        @Override
        public void close() throws IOException {
            HadoopErrors.translating(out::close);
        }
    }
}
