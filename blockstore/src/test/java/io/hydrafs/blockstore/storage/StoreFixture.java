package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A store over temporary volumes, with helpers to write and read replicas the way the pipeline does. */
public final class StoreFixture implements AutoCloseable {
    public final List<Path> dirs;
    public final RecordingListener events = new RecordingListener();
    private StorageOptions options;
    private FsReplicaStore store;

    private StoreFixture(List<Path> dirs, StorageOptions options) throws HydraException {
        this.dirs = dirs;
        this.options = options;
        this.store = FsReplicaStore.open(options, null);
        store.addListener(events);
    }

    public static StoreFixture create(Path root, int volumes) throws HydraException {
        List<Path> dirs = IntStream.range(0, volumes).mapToObj(i -> root.resolve("data" + i)).toList();
        return new StoreFixture(dirs, StorageOptions.of(dirs));
    }

    public static StoreFixture create(Path root, int volumes, long reservedBytes) throws HydraException {
        List<Path> dirs = IntStream.range(0, volumes).mapToObj(i -> root.resolve("data" + i)).toList();
        return new StoreFixture(dirs, StorageOptions.of(dirs).withReservedBytes(reservedBytes));
    }

    public FsReplicaStore store() {
        return store;
    }

    /** Closes the store and opens a new one on the same directories (a restart). */
    public FsReplicaStore restart() throws HydraException {
        store.close();
        store = FsReplicaStore.open(options, null);
        store.addListener(events);
        return store;
    }

    @Override
    public void close() {
        store.close();
    }

    public static BlockProto block(long id, long stamp) {
        return BlockProto.newBuilder().setBlockId(id).setGenerationStamp(stamp).build();
    }

    public static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code data} at {@code offset} in packets of at most 64 KiB, each with its checksums. */
    public static void write(ReplicaWriter writer, long offset, byte[] data) throws HydraException {
        int pos = 0;
        do {
            int n = Math.min(DataChecksums.PACKET_DATA_BYTES, data.length - pos);
            ByteBuffer packet = ByteBuffer.wrap(data, pos, n).slice();
            writer.write(offset + pos, packet, ByteBuffer.wrap(DataChecksums.compute(packet)));
            pos += n;
        } while (pos < data.length);
    }

    /** Reads a whole replica, verifying every chunk against the stored checksums as a client does. */
    public static byte[] readVerified(ReplicaReader reader) throws HydraException {
        byte[] out = new byte[Math.toIntExact(reader.length())];
        for (int pos = 0; pos < out.length; pos += DataChecksums.PACKET_DATA_BYTES) {
            int n = Math.min(DataChecksums.PACKET_DATA_BYTES, out.length - pos);
            ByteBuffer data = ByteBuffer.wrap(out, pos, n).slice();
            reader.readData(pos, data);
            data.flip();
            DataChecksums.verify(data, reader.readChecksums(pos, n), pos, "test read");
        }
        return out;
    }

    public byte[] read(long id, long stamp) throws HydraException {
        try (ReplicaReader r = store.openReplica(id, stamp)) {
            return readVerified(r);
        }
    }

    /** Every file of the volumes whose name is exactly {@code name}. */
    public List<Path> filesNamed(String name) {
        List<Path> found = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(p -> p.getFileName().toString().equals(name)).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    public Path blockFile(long id) {
        List<Path> files = filesNamed("blk_" + id);
        if (files.size() != 1) {
            throw new IllegalStateException("expected one block file of " + id + ", found " + files);
        }
        return files.get(0);
    }

    /** The volume directory holding a replica's block file. */
    public Path volumeOf(long id) {
        Path file = blockFile(id);
        return dirs.stream().filter(file::startsWith).findFirst().orElseThrow();
    }
}
