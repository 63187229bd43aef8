package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.BlockProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link ReplicaStore} over local data directories (see {@link Volume} for the layout,
 * {@link ReplicaFiles} for names, {@link ChecksumFile} for the checksum format).
 *
 * <p>Concurrency: one lock (this object) guards the replica map, every replica's metadata and
 * every rename; packet I/O runs outside it under the writer's own monitor (lock order: store,
 * then writer). Listeners are called under the lock so that they see one replica's events in
 * order.
 *
 * <p>Faults: an I/O error is checked against its volume ({@link Volume#check()}). A volume that
 * fails the check is taken out of use for good: its replicas leave the map (reported deleted),
 * their writers fail with DISK_FAILED, the other volumes go on. An error the check does not
 * confirm is IO_ERROR for that call, and a replica left half-moved by it is dropped. Running out
 * of space (ENOSPC) is DISK_FULL and does not fail the volume. Nothing here ends the process.
 */
public final class FsReplicaStore implements ReplicaStore {
    private static final Logger LOG = LoggerFactory.getLogger(FsReplicaStore.class);
    /** Free bytes a volume must have (above its reserve) to take a new replica of unknown final size. */
    static final long MIN_BYTES_FOR_NEW_REPLICA = DataChecksums.PACKET_DATA_BYTES;

    private final StorageOptions options;
    private final List<Volume> volumes;
    private final String blockstoreId;
    private final Map<Long, StoredReplica> replicas;
    private final List<ReplicaListener> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    private FsReplicaStore(StorageOptions options, List<Volume> volumes, String blockstoreId,
                           Map<Long, StoredReplica> replicas) {
        this.options = options;
        this.volumes = volumes;
        this.blockstoreId = blockstoreId;
        this.replicas = replicas;
    }

    /**
     * Opens the store: sets up every data directory, resolves the blockstore id (see
     * {@link BlockstoreIdFile}) and rebuilds the replicas from disk (see {@link ReplicaScan}).
     * Unusable directories become failed volumes; the store opens even with none left.
     *
     * @param configuredId {@code hydra.blockstore.id}, or null/blank to use the stored or a new id
     * @throws HydraException INVALID_ARGUMENT when the directories hold different blockstore ids
     */
    public static FsReplicaStore open(StorageOptions options, String configuredId) throws HydraException {
        List<Volume> volumes = options.dataDirs().stream().map(d -> Volume.open(d, options.reservedBytes())).toList();
        String id = BlockstoreIdFile.resolve(volumes, configuredId);
        Map<Long, StoredReplica> replicas = ReplicaScan.scan(volumes);
        long failed = volumes.stream().filter(Volume::failed).count();
        LOG.info("Blockstore {}: {} replicas on {} volumes ({} failed)", id, replicas.size(), volumes.size(), failed);
        return new FsReplicaStore(options, volumes, id, replicas);
    }

    /** Each failed data directory with why it failed ("dir: reason"), for operators. */
    public synchronized List<String> volumeFailures() {
        return volumes.stream().filter(Volume::failed).map(v -> v + ": " + v.failure()).toList();
    }

    /** The blockstore's stable id, as stored in every data directory. */
    public String blockstoreId() {
        return blockstoreId;
    }

    @Override
    public synchronized ReplicaWriter createReplica(BlockProto block) throws HydraException {
        ensureOpen();
        long id = block.getBlockId();
        if (replicas.containsKey(id)) {
            throw new HydraException(ErrorCode.REPLICA_ALREADY_EXISTS, "block " + Long.toUnsignedString(id)
                    + " already has a replica here: " + replicas.get(id).info());
        }
        long needed = Math.max(block.getNumBytes(), MIN_BYTES_FOR_NEW_REPLICA);
        while (true) {
            Volume v = VolumeChooser.choose(volumes, needed, Volume::freeBytes);
            StoredReplica r = new StoredReplica(id, v, block.getGenerationStamp(), 0, false);
            try {
                FsReplicaWriter writer = openWriter(r, true);
                replicas.put(id, r);
                notifyListeners(l -> l.replicaBeingWritten(r.info()));
                return writer;
            } catch (IOException e) {
                HydraException failure = ioFailure(v, e, "creating a replica of block " + Long.toUnsignedString(id));
                if (failure.code() != ErrorCode.DISK_FAILED) {
                    throw failure;
                }
                // that volume is out of use now: try the next one
            }
        }
    }

    @Override
    public synchronized ReplicaWriter reopenReplica(long blockId, long oldGenerationStamp, long newGenerationStamp,
                                                    long keepBytes) throws HydraException {
        ensureOpen();
        StoredReplica r = existing(blockId);
        if (r.generationStamp != oldGenerationStamp) {
            throw stale(r, oldGenerationStamp);
        }
        if (Long.compareUnsigned(newGenerationStamp, oldGenerationStamp) <= 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "block " + Long.toUnsignedString(blockId)
                    + ": new stamp " + newGenerationStamp + " is not newer than " + oldGenerationStamp);
        }
        checkLength(r, keepBytes);
        stopWriter(r, ErrorCode.STALE_GENERATION_STAMP, "reopened with stamp " + newGenerationStamp);
        try {
            truncate(r, keepBytes);
            move(r, false, newGenerationStamp);
            FsReplicaWriter writer = openWriter(r, false);
            notifyListeners(l -> l.replicaBeingWritten(r.info()));
            return writer;
        } catch (IOException e) {
            throw replicaLost(r, e, "reopening");
        }
    }

    @Override
    public synchronized ReplicaReader openReplica(long blockId, long generationStamp) throws HydraException {
        ensureOpen();
        StoredReplica r = existing(blockId);
        if (r.generationStamp != generationStamp) {
            throw stale(r, generationStamp);
        }
        StoredReplica.Visible visible = r.visible;
        FileChannel block = null;
        try {
            block = FileChannel.open(r.blockFile(), StandardOpenOption.READ);
            FileChannel checksums = FileChannel.open(r.checksumFile(), StandardOpenOption.READ);
            return new FsReplicaReader(this, r, block, checksums, visible);
        } catch (IOException e) {
            closeQuietly(block);
            throw ioFailure(r.volume, e, "opening block " + Long.toUnsignedString(blockId));
        }
    }

    @Override
    public synchronized Optional<ReplicaInfo> replica(long blockId) {
        return Optional.ofNullable(replicas.get(blockId)).map(StoredReplica::info);
    }

    @Override
    public synchronized List<ReplicaInfo> replicas() {
        return replicas.values().stream().map(StoredReplica::info).toList();
    }

    @Override
    public synchronized ReplicaInfo initRecovery(long blockId, long oldestGenerationStamp,
                                                 long recoveryGenerationStamp) throws HydraException {
        ensureOpen();
        StoredReplica r = existing(blockId);
        if (Long.compareUnsigned(r.generationStamp, oldestGenerationStamp) < 0
                || Long.compareUnsigned(r.generationStamp, recoveryGenerationStamp) > 0) {
            throw new HydraException(ErrorCode.STALE_GENERATION_STAMP, "block " + Long.toUnsignedString(blockId)
                    + " has stamp " + r.generationStamp + " here; recovery of stamp " + oldestGenerationStamp
                    + " to " + recoveryGenerationStamp);
        }
        if (r.finalized || r.generationStamp == recoveryGenerationStamp) {
            return r.info();
        }
        // stop() waits for a packet being written, so the length read next is final
        stopWriter(r, ErrorCode.STALE_GENERATION_STAMP, "lease recovery with stamp " + recoveryGenerationStamp);
        ReplicaInfo stopped = r.info();
        try {
            move(r, false, recoveryGenerationStamp);
        } catch (IOException e) {
            throw replicaLost(r, e, "starting recovery of");
        }
        ReplicaInfo moved = r.info();
        notifyListeners(l -> l.replicaBeingWritten(moved));
        return stopped;
    }

    @Override
    public synchronized ReplicaInfo recoverReplica(long blockId, long newGenerationStamp, long length)
            throws HydraException {
        ensureOpen();
        StoredReplica r = existing(blockId);
        if (Long.compareUnsigned(newGenerationStamp, r.generationStamp) < 0) {
            throw stale(r, newGenerationStamp);
        }
        checkLength(r, length);
        stopWriter(r, ErrorCode.STALE_GENERATION_STAMP, "recovered with stamp " + newGenerationStamp);
        if (r.finalized && r.generationStamp == newGenerationStamp && r.visible.bytes() == length) {
            return r.info(); // a retried recovery
        }
        try {
            truncate(r, length);
            move(r, true, newGenerationStamp);
            r.visible = StoredReplica.Visible.of(length);
        } catch (IOException e) {
            throw replicaLost(r, e, "recovering");
        }
        ReplicaInfo info = r.info();
        notifyListeners(l -> l.replicaFinalized(info));
        return info;
    }

    @Override
    public synchronized boolean deleteReplica(BlockProto block) throws HydraException {
        ensureOpen();
        StoredReplica r = replicas.get(block.getBlockId());
        if (r == null || Long.compareUnsigned(r.generationStamp, block.getGenerationStamp()) > 0) {
            return false;
        }
        stopWriter(r, ErrorCode.STALE_GENERATION_STAMP, "deleted");
        forget(r);
        try {
            Files.deleteIfExists(r.blockFile());
            Files.deleteIfExists(r.checksumFile());
        } catch (IOException e) {
            // the replica is gone from the map either way; a failed volume is handled there
            LOG.warn("Deleting the files of block {}: {}", Long.toUnsignedString(r.blockId),
                    ioFailure(r.volume, e, "deleting").getMessage());
        }
        return true;
    }

    @Override
    public synchronized void markCorrupt(long blockId) {
        StoredReplica r = replicas.get(blockId);
        if (r != null && !r.corrupt) {
            r.corrupt = true;
            LOG.warn("Replica {} marked corrupt", r.info());
        }
    }

    @Override
    public synchronized StorageSummary summary() {
        long capacity = 0;
        long remaining = 0;
        int active = 0;
        for (Volume v : volumes) {
            if (!v.failed()) {
                active++;
                capacity += v.capacityBytes();
                remaining += v.freeBytes();
            }
        }
        long used = replicas.values().stream().mapToLong(r -> r.visible.bytes()).sum();
        return new StorageSummary(capacity, used, remaining, active, volumes.size() - active);
    }

    @Override
    public void addListener(ReplicaListener listener) {
        listeners.add(listener);
    }

    /** Stops every writer (their next call fails with SERVER_SHUTTING_DOWN); later calls fail too. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (StoredReplica r : replicas.values()) {
            stopWriter(r, ErrorCode.SERVER_SHUTTING_DOWN, "the store is closing");
        }
    }

    /** Called by a writer's finalizeReplica once its data is flushed (and forced, if so configured). */
    synchronized ReplicaInfo finalizeWritten(FsReplicaWriter writer) throws HydraException {
        StoredReplica r = writer.replica();
        if (writer.stopped()) {
            throw writer.stoppedError();
        }
        Invariants.check(replicas.get(r.blockId) == r && r.writer == writer,
                "an unstopped writer of block %s is its replica's current one", Long.toUnsignedString(r.blockId));
        long bytes = writer.bytesOnDisk();
        try {
            move(r, true, r.generationStamp); // open files survive the rename
            r.visible = StoredReplica.Visible.of(bytes);
        } catch (IOException e) {
            HydraException failure = replicaLost(r, e, "finalizing");
            writer.stop(failure);
            throw failure;
        }
        writer.stop(new HydraException(ErrorCode.INVALID_ARGUMENT, "block " + Long.toUnsignedString(r.blockId)
                + " is already finalized"));
        r.writer = null;
        ReplicaInfo info = r.info();
        notifyListeners(l -> l.replicaFinalized(info));
        return info;
    }

    /**
     * Turns an I/O error on a volume into the error the caller answers: DISK_FULL for ENOSPC,
     * IO_ERROR for EMFILE/ENFILE (the process, not the disk, is out of something; the volume check
     * would fail the same way and take a healthy disk out of use), DISK_FAILED (and the volume
     * taken out of use) when the volume fails its check, else IO_ERROR.
     */
    HydraException ioFailure(Volume volume, IOException e, String what) {
        if (causedBy(e, "No space left on device", "ENOSPC")) {
            return new HydraException(ErrorCode.DISK_FULL, what + ": no space left on " + volume, e);
        }
        if (causedBy(e, "Too many open files", "EMFILE", "ENFILE")) {
            return new HydraException(ErrorCode.IO_ERROR, what + " on " + volume + ": out of file descriptors: " + e, e);
        }
        if (volume.check()) {
            return new HydraException(ErrorCode.IO_ERROR, what + " on " + volume + ": " + e, e);
        }
        volumeFailed(volume, what + ": " + e);
        return new HydraException(ErrorCode.DISK_FAILED, what + ": data directory " + volume + " failed: " + e, e);
    }

    private synchronized void volumeFailed(Volume volume, String reason) {
        volume.markFailed(reason);
        for (StoredReplica r : new ArrayList<>(replicas.values())) {
            if (r.volume == volume) {
                stopWriter(r, ErrorCode.DISK_FAILED, "data directory " + volume + " failed");
                forget(r);
            }
        }
    }

    /** Drops a replica whose files may be half-moved after an I/O error; its volume may have failed. */
    private HydraException replicaLost(StoredReplica r, IOException e, String what) {
        HydraException failure = ioFailure(r.volume, e, what + " block " + Long.toUnsignedString(r.blockId));
        if (replicas.get(r.blockId) == r) {
            LOG.warn("Dropping replica {} after a failure while {}", r.info(), what);
            forget(r);
        }
        return failure;
    }

    private void forget(StoredReplica r) {
        replicas.remove(r.blockId);
        ReplicaInfo info = r.info();
        notifyListeners(l -> l.replicaDeleted(info));
    }

    private FsReplicaWriter openWriter(StoredReplica r, boolean create) throws IOException {
        FileChannel block = null;
        FileChannel checksums = null;
        try {
            if (create) {
                block = FileChannel.open(r.blockFile(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.READ, StandardOpenOption.WRITE);
                checksums = FileChannel.open(r.checksumFile(), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE);
                ChecksumFile.writeHeader(checksums);
            } else {
                block = FileChannel.open(r.blockFile(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                checksums = FileChannel.open(r.checksumFile(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            closeQuietly(block);
            closeQuietly(checksums);
            throw e;
        }
        FsReplicaWriter writer = new FsReplicaWriter(this, r, block, checksums, options.syncOnFinalize());
        r.writer = writer;
        return writer;
    }

    /**
     * Cuts a replica to {@code bytes}. A partial last chunk gets its checksum recomputed (the stored
     * one covered the longer chunk), which is also held in memory for readers until it is rewritten.
     */
    private static void truncate(StoredReplica r, long bytes) throws IOException {
        try (FileChannel block = FileChannel.open(r.blockFile(), StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel checksums = FileChannel.open(r.checksumFile(), StandardOpenOption.WRITE)) {
            block.truncate(bytes);
            checksums.truncate(ChecksumFile.lengthFor(bytes));
            int partial = (int) (bytes % DataChecksums.BYTES_PER_CHUNK);
            if (partial == 0) {
                r.visible = StoredReplica.Visible.of(bytes);
                return;
            }
            long chunkStart = bytes - partial;
            int crc = ChecksumFile.checksumOf(block, chunkStart, partial);
            ChecksumFile.writeFully(checksums, ByteBuffer.allocate(4).putInt(0, crc), ChecksumFile.position(chunkStart));
            r.visible = new StoredReplica.Visible(bytes, true, crc);
        }
    }

    /** Moves a replica to the given area under the given stamp: block file first (see ReplicaScan). */
    private static void move(StoredReplica r, boolean toFinalized, long newStamp) throws IOException {
        Path oldBlock = r.blockFile();
        Path oldChecksum = r.checksumFile();
        Path dir = r.volume.replicaDir(r.blockId, toFinalized);
        Files.createDirectories(dir);
        Path newBlock = ReplicaFiles.blockFile(dir, r.blockId);
        if (!newBlock.equals(oldBlock)) {
            Files.move(oldBlock, newBlock);
        }
        r.finalized = toFinalized;
        Path newChecksum = ReplicaFiles.checksumFile(dir, r.blockId, newStamp);
        if (!newChecksum.equals(oldChecksum)) {
            Files.move(oldChecksum, newChecksum);
        }
        r.generationStamp = newStamp;
    }

    private void stopWriter(StoredReplica r, ErrorCode code, String why) {
        FsReplicaWriter w = r.writer;
        if (w != null) {
            w.stop(new HydraException(code, "the writer of block " + Long.toUnsignedString(r.blockId)
                    + " stamp " + w.generationStamp() + " was stopped: " + why));
            r.writer = null;
        }
    }

    private StoredReplica existing(long blockId) throws HydraException {
        StoredReplica r = replicas.get(blockId);
        if (r == null) {
            throw new HydraException(ErrorCode.REPLICA_NOT_FOUND, "no replica of block "
                    + Long.toUnsignedString(blockId) + " here");
        }
        return r;
    }

    private static void checkLength(StoredReplica r, long bytes) throws HydraException {
        if (bytes < 0 || bytes > r.visible.bytes()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "block " + Long.toUnsignedString(r.blockId)
                    + " has " + r.visible.bytes() + " bytes, cannot keep " + bytes);
        }
    }

    private static HydraException stale(StoredReplica r, long askedStamp) {
        return new HydraException(ErrorCode.STALE_GENERATION_STAMP, "block " + Long.toUnsignedString(r.blockId)
                + " has stamp " + r.generationStamp + " here, not " + askedStamp);
    }

    private void ensureOpen() throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.SERVER_SHUTTING_DOWN, "the replica store is closed");
        }
    }

    private void notifyListeners(Consumer<ReplicaListener> event) {
        for (ReplicaListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.error("A replica listener failed; the store goes on", e);
            }
        }
    }

    /** Whether the message of {@code e} or of a cause names one of {@code errors} (the JDK has no errno). */
    private static boolean causedBy(Throwable e, String... errors) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            for (String error : errors) {
                if (m.contains(error)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // opening failed anyway
            }
        }
    }
}
