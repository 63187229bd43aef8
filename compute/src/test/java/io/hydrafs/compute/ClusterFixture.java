package io.hydrafs.compute;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.minicluster.MiniCluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * What the compute tests on a real cluster share: a small in-JVM cluster (1 meta node unless
 * told otherwise, 3 blockstores) whose files get 64 KiB blocks, so a few MiB of input make
 * dozens of splits.
 */
public final class ClusterFixture {
    public static final int BLOCK_BYTES = 64 * 1024;

    private ClusterFixture() {
    }

    public static MiniCluster start() throws IOException {
        return start(1);
    }

    /** With {@code metaNodes} meta nodes: 3 is the production shape (a Ratis group with a leader to lose). */
    public static MiniCluster start(int metaNodes) throws IOException {
        return MiniCluster.builder().metaNodes(metaNodes).blockstores(3)
                .config("hydra.meta.namespace.min.block.size.bytes", "512").start();
    }

    public static void write(HydraFileSystem fs, String path, byte[] data) throws IOException {
        write(fs, path, data, 3);
    }

    /** Writes with 64 KiB blocks and {@code replication} replicas of each. */
    public static void write(HydraFileSystem fs, String path, byte[] data, int replication) throws IOException {
        CreateOptions options = CreateOptions.builder().blockSizeBytes(BLOCK_BYTES).replication(replication)
                .createParent(true).build();
        try (OutputStream out = fs.create(path, options)) {
            out.write(data);
        }
    }

    public static byte[] read(HydraFileSystem fs, String path) throws IOException {
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** Names of the entries of a directory, sorted. */
    public static List<String> names(HydraFileSystem fs, String dir) throws IOException {
        return fs.listStatus(dir).stream().map(FileStatus::name).sorted().toList();
    }
}
