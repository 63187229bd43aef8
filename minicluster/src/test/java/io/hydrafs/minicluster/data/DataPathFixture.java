package io.hydrafs.minicluster.data;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.minicluster.MiniCluster;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the data path tests share: a cluster with small blocks, deterministic file contents,
 * and ways to look at replicas on the blockstores' disks.
 */
final class DataPathFixture {
    /** Small blocks so that multi-block files stay small: 8 packets of 64 KiB. */
    static final int BLOCK_SIZE = 512 * 1024;

    private DataPathFixture() {
    }

    static MiniCluster.Builder cluster(int blockstores) {
        return MiniCluster.builder().metaNodes(3).blockstores(blockstores)
                .config("hydra.meta.namespace.min.block.size.bytes", "512");
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static CreateOptions options(int replication) {
        return CreateOptions.builder().replication(replication).blockSizeBytes(BLOCK_SIZE).createParent(true).build();
    }

    static void write(HydraFileSystem fs, String path, byte[] data) throws IOException {
        try (OutputStream out = fs.create(path, options(3))) {
            // uneven write sizes cross packet and chunk boundaries at odd places
            int off = 0;
            int step = 1;
            while (off < data.length) {
                int n = Math.min(step, data.length - off);
                out.write(data, off, n);
                off += n;
                step = step * 3 + 7;
            }
        }
    }

    static byte[] read(HydraFileSystem fs, String path) throws IOException {
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static List<LocatedBlockProto> blocks(HydraFileSystem fs, String path) throws HydraException {
        GetBlockLocationsResponse r = fs.meta().getBlockLocations(path, 0, 0);
        return r.getBlocksList();
    }

    /** Whether every block of the file has exactly {@code n} replicas known to the leader. */
    static boolean replicatedExactly(HydraFileSystem fs, String path, int n) throws HydraException {
        return blocks(fs, path).stream().allMatch(b -> b.getTargetsCount() == n);
    }

    /** Every block file of {@code blockId} on the blockstores' disks (any state). */
    static List<Path> blockFiles(MiniCluster cluster, long blockId) {
        String name = "blk_" + blockId;
        try (Stream<Path> files = Files.walk(cluster.baseDir())) {
            return files.filter(p -> p.getFileName().toString().equals(name)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
