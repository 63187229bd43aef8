package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ReplicaStore} test double that keeps replicas (bytes and per-chunk checksums) in
 * memory, so that tests of the data path do not depend on the real storage. It follows the
 * interface's contract: one replica per block id, one writer at a time (a newer writer, a
 * recovery or a delete makes the older writer's next call fail with STALE_GENERATION_STAMP),
 * stamps checked on reopen and open, truncation on reopen and recovery.
 *
 * <p>Zero-copy reads need a real {@link FileChannel}: a reader writes the bytes it saw at open
 * into a temporary file under the given directory and deletes it on close.
 *
 * <p>Thread-safe: every operation takes the store's lock. Listeners are called under it.
 */
public final class InMemoryReplicaStore implements ReplicaStore {
    private final Path tempDir;
    private final Map<Long, Replica> replicas = new HashMap<>();
    private final List<ReplicaListener> listeners = new CopyOnWriteArrayList<>();
    private long nextWriterEpoch = 1;
    private int syncs;

    private static final class Replica {
        final long blockId;
        long stamp;
        byte[] data = new byte[0];
        int length;
        int[] checksums = new int[0];
        boolean finalized;
        boolean corrupt;
        long writerEpoch;

        Replica(long blockId, long stamp) {
            this.blockId = blockId;
            this.stamp = stamp;
        }

        ReplicaInfo info() {
            return new ReplicaInfo(blockId, stamp, length, finalized, corrupt);
        }

        void truncate(int newLength) {
            length = newLength;
            checksums = Arrays.copyOf(checksums, DataChecksums.chunks(newLength));
            if (newLength % DataChecksums.BYTES_PER_CHUNK != 0) {
                // the last chunk became shorter: its checksum is recomputed, as a real store must
                int last = checksums.length - 1;
                int from = last * DataChecksums.BYTES_PER_CHUNK;
                checksums[last] = ByteBuffer.wrap(DataChecksums.compute(ByteBuffer.wrap(data, from, newLength - from)))
                        .getInt();
            }
        }
    }

    /** A store whose readers put their temporary block files under {@code tempDir}. */
    public InMemoryReplicaStore(Path tempDir) {
        this.tempDir = tempDir;
    }

    // ---- test helpers

    /** Adds a finalized replica holding {@code data}, with correct checksums. */
    public synchronized void putFinalized(BlockProto block, byte[] data) throws HydraException {
        if (replicas.containsKey(block.getBlockId())) {
            throw new HydraException(ErrorCode.REPLICA_ALREADY_EXISTS, "block " + block.getBlockId());
        }
        Replica r = new Replica(block.getBlockId(), block.getGenerationStamp());
        r.data = data.clone();
        r.length = data.length;
        r.checksums = toInts(DataChecksums.compute(ByteBuffer.wrap(data)));
        r.finalized = true;
        replicas.put(r.blockId, r);
    }

    /** The bytes a replica holds now. */
    public synchronized byte[] bytes(long blockId) {
        Replica r = replicas.get(blockId);
        return r == null ? null : Arrays.copyOf(r.data, r.length);
    }

    /** How many times a writer forced data to disk. */
    public synchronized int syncs() {
        return syncs;
    }

    // ---- ReplicaStore

    @Override
    public synchronized ReplicaWriter createReplica(BlockProto block) throws HydraException {
        if (replicas.containsKey(block.getBlockId())) {
            throw new HydraException(ErrorCode.REPLICA_ALREADY_EXISTS, "a replica of block " + block.getBlockId()
                    + " exists");
        }
        Replica r = new Replica(block.getBlockId(), block.getGenerationStamp());
        replicas.put(r.blockId, r);
        r.writerEpoch = nextWriterEpoch++;
        listeners.forEach(l -> l.replicaBeingWritten(r.info()));
        return new Writer(r, r.writerEpoch);
    }

    @Override
    public synchronized ReplicaWriter reopenReplica(long blockId, long oldGenerationStamp, long newGenerationStamp,
                                                    long keepBytes) throws HydraException {
        Replica r = existing(blockId);
        if (r.stamp != oldGenerationStamp) {
            throw new HydraException(ErrorCode.STALE_GENERATION_STAMP, "replica of block " + blockId + " has stamp "
                    + r.stamp + ", not " + oldGenerationStamp);
        }
        if (keepBytes > r.length) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "replica of block " + blockId + " has " + r.length
                    + " bytes, fewer than " + keepBytes);
        }
        r.truncate((int) keepBytes);
        r.finalized = false;
        r.stamp = newGenerationStamp;
        r.writerEpoch = nextWriterEpoch++;
        listeners.forEach(l -> l.replicaBeingWritten(r.info()));
        return new Writer(r, r.writerEpoch);
    }

    @Override
    public synchronized ReplicaReader openReplica(long blockId, long generationStamp) throws HydraException {
        Replica r = existing(blockId);
        if (r.stamp != generationStamp) {
            throw new HydraException(ErrorCode.STALE_GENERATION_STAMP, "replica of block " + blockId + " has stamp "
                    + r.stamp + ", not " + generationStamp);
        }
        return new Reader(Arrays.copyOf(r.data, r.length), Arrays.copyOf(r.checksums, r.checksums.length));
    }

    @Override
    public synchronized Optional<ReplicaInfo> replica(long blockId) {
        return Optional.ofNullable(replicas.get(blockId)).map(Replica::info);
    }

    @Override
    public synchronized List<ReplicaInfo> replicas() {
        List<ReplicaInfo> all = new ArrayList<>();
        replicas.values().forEach(r -> all.add(r.info()));
        return all;
    }

    @Override
    public synchronized ReplicaInfo initRecovery(long blockId, long oldestGenerationStamp,
                                                 long recoveryGenerationStamp) throws HydraException {
        Replica r = existing(blockId);
        if (r.stamp < oldestGenerationStamp || r.stamp > recoveryGenerationStamp) {
            throw new HydraException(ErrorCode.STALE_GENERATION_STAMP, "replica of block " + blockId + " has stamp "
                    + r.stamp + "; recovery of stamp " + oldestGenerationStamp + " to " + recoveryGenerationStamp);
        }
        ReplicaInfo before = r.info();
        if (!r.finalized && r.stamp != recoveryGenerationStamp) {
            r.writerEpoch = nextWriterEpoch++; // stops any writer
            r.stamp = recoveryGenerationStamp;
            listeners.forEach(l -> l.replicaBeingWritten(r.info()));
        }
        return before;
    }

    @Override
    public synchronized ReplicaInfo recoverReplica(long blockId, long newGenerationStamp, long length)
            throws HydraException {
        Replica r = existing(blockId);
        if (length > r.length) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "replica of block " + blockId + " has " + r.length
                    + " bytes, fewer than " + length);
        }
        r.writerEpoch = nextWriterEpoch++; // stops any writer
        r.truncate((int) length);
        r.stamp = newGenerationStamp;
        r.finalized = true;
        listeners.forEach(l -> l.replicaFinalized(r.info()));
        return r.info();
    }

    @Override
    public synchronized boolean deleteReplica(BlockProto block) {
        Replica r = replicas.get(block.getBlockId());
        if (r == null || r.stamp > block.getGenerationStamp()) {
            return false;
        }
        r.writerEpoch = nextWriterEpoch++;
        replicas.remove(block.getBlockId());
        listeners.forEach(l -> l.replicaDeleted(r.info()));
        return true;
    }

    @Override
    public synchronized void markCorrupt(long blockId) {
        Replica r = replicas.get(blockId);
        if (r != null) {
            r.corrupt = true;
        }
    }

    @Override
    public synchronized StorageSummary summary() {
        long used = replicas.values().stream().mapToLong(r -> r.length).sum();
        return new StorageSummary(Long.MAX_VALUE, used, Long.MAX_VALUE - used, 1, 0);
    }

    @Override
    public void addListener(ReplicaListener listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
    }

    private Replica existing(long blockId) throws HydraException {
        Replica r = replicas.get(blockId);
        if (r == null) {
            throw new HydraException(ErrorCode.REPLICA_NOT_FOUND, "no replica of block " + blockId);
        }
        return r;
    }

    private static int[] toInts(byte[] sums) {
        ByteBuffer b = ByteBuffer.wrap(sums);
        int[] out = new int[sums.length / DataChecksums.CHECKSUM_BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }

    private final class Writer implements ReplicaWriter {
        private final Replica replica;
        private final long epoch;
        private boolean closed;

        Writer(Replica replica, long epoch) {
            this.replica = replica;
            this.epoch = epoch;
        }

        private void checkCurrent() throws HydraException {
            if (replica.writerEpoch != epoch || replicas.get(replica.blockId) != replica) {
                throw new HydraException(ErrorCode.STALE_GENERATION_STAMP, "writer of block " + replica.blockId
                        + " was replaced");
            }
            if (closed || replica.finalized) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "writer of block " + replica.blockId + " is done");
            }
        }

        @Override
        public long blockId() {
            return replica.blockId;
        }

        @Override
        public long generationStamp() {
            synchronized (InMemoryReplicaStore.this) {
                return replica.stamp;
            }
        }

        @Override
        public long bytesOnDisk() {
            synchronized (InMemoryReplicaStore.this) {
                return replica.length;
            }
        }

        @Override
        public void write(long offsetInBlock, ByteBuffer data, ByteBuffer checksums) throws HydraException {
            synchronized (InMemoryReplicaStore.this) {
                checkCurrent();
                if (offsetInBlock % DataChecksums.BYTES_PER_CHUNK != 0 || offsetInBlock > replica.length) {
                    throw new HydraException(ErrorCode.INVALID_ARGUMENT, "write at " + offsetInBlock + " of a replica of "
                            + replica.length + " bytes");
                }
                int n = data.remaining();
                int end = Math.toIntExact(offsetInBlock + n);
                if (end > replica.data.length) {
                    replica.data = Arrays.copyOf(replica.data, Math.max(end, replica.data.length * 2));
                }
                data.duplicate().get(replica.data, (int) offsetInBlock, n);
                int firstChunk = (int) (offsetInBlock / DataChecksums.BYTES_PER_CHUNK);
                int[] sums = toInts(bytesOf(checksums));
                int chunks = Math.max(replica.checksums.length, firstChunk + sums.length);
                replica.checksums = Arrays.copyOf(replica.checksums, chunks);
                System.arraycopy(sums, 0, replica.checksums, firstChunk, sums.length);
                replica.length = Math.max(replica.length, end);
            }
        }

        @Override
        public void sync() throws HydraException {
            synchronized (InMemoryReplicaStore.this) {
                checkCurrent();
                syncs++;
            }
        }

        @Override
        public ReplicaInfo finalizeReplica() throws HydraException {
            synchronized (InMemoryReplicaStore.this) {
                checkCurrent();
                replica.finalized = true;
                listeners.forEach(l -> l.replicaFinalized(replica.info()));
                return replica.info();
            }
        }

        @Override
        public void close() {
            synchronized (InMemoryReplicaStore.this) {
                closed = true;
            }
        }
    }

    private static byte[] bytesOf(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    /** Reads a snapshot taken at open, as a real store reads the bytes on disk at open. */
    private final class Reader implements ReplicaReader {
        private final byte[] data;
        private final int[] checksums;
        private Path file;
        private FileChannel channel;

        Reader(byte[] data, int[] checksums) {
            this.data = data;
            this.checksums = checksums;
        }

        @Override
        public long length() {
            return data.length;
        }

        @Override
        public synchronized FileChannel blockChannel() {
            if (channel == null) {
                try {
                    file = Files.createTempFile(tempDir, "block", ".data");
                    Files.write(file, data);
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return channel;
        }

        @Override
        public void readData(long offset, ByteBuffer into) throws HydraException {
            if (offset < 0 || offset + into.remaining() > data.length) {
                throw new HydraException(ErrorCode.END_OF_FILE, "read of " + into.remaining() + " bytes at " + offset
                        + " of " + data.length);
            }
            into.put(data, (int) offset, into.remaining());
        }

        @Override
        public ByteBuffer readChecksums(long chunkOffset, int dataBytes) throws HydraException {
            if (chunkOffset % DataChecksums.BYTES_PER_CHUNK != 0 || chunkOffset + dataBytes > data.length) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "checksums of " + dataBytes + " bytes at "
                        + chunkOffset + " of " + data.length);
            }
            int first = (int) (chunkOffset / DataChecksums.BYTES_PER_CHUNK);
            int n = DataChecksums.chunks(dataBytes);
            ByteBuffer out = ByteBuffer.allocate(n * DataChecksums.CHECKSUM_BYTES);
            for (int i = 0; i < n; i++) {
                out.putInt(checksums[first + i]);
            }
            return out.flip();
        }

        @Override
        public synchronized void close() {
            try {
                if (channel != null) {
                    channel.close();
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
