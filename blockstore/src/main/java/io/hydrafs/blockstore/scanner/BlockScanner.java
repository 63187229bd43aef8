package io.hydrafs.blockstore.scanner;

import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.blockstore.storage.ReplicaReader;
import io.hydrafs.blockstore.storage.ReplicaStore;
import io.hydrafs.blockstore.storage.StorageOptions;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Re-verifies finalized replicas in the background, as HDFS's block scanner: silent corruption
 * (bit rot, a bad sector) is found before a client needs the replica, while other copies exist.
 * One daemon thread makes a pass over every finalized, not yet corrupt replica at a bounded rate,
 * then waits {@code periodMs}. A replica whose chunk does not match is marked corrupt in the store
 * and reported. Replicas being written are skipped (their last chunk is still changing).
 *
 * <p>A replica that changes during its verification (reopened for append, deleted) can look bad;
 * a mismatch only counts when the replica still has the stamp and length it was read with, since
 * every rewrite happens under a new stamp.
 */
public final class BlockScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockScanner.class);

    /** What one pass did. */
    public record ScanResult(int replicasVerified, int corruptFound, long bytesVerified) {
    }

    private final ReplicaStore store;
    private final CorruptReplicaReporter reporter;
    private final long bytesPerSecond;
    private final long periodMs;
    private final Thread thread;
    private volatile boolean closed;

    public BlockScanner(ReplicaStore store, CorruptReplicaReporter reporter, long bytesPerSecond, long periodMs) {
        if (bytesPerSecond <= 0 || periodMs <= 0) {
            throw new IllegalArgumentException("scanner rate and period must be > 0");
        }
        this.store = store;
        this.reporter = reporter;
        this.bytesPerSecond = bytesPerSecond;
        this.periodMs = periodMs;
        this.thread = new Thread(this::run, "hydra-block-scanner");
        this.thread.setDaemon(true);
    }

    public static BlockScanner of(ReplicaStore store, StorageOptions options, CorruptReplicaReporter reporter) {
        return new BlockScanner(store, reporter, options.scannerBytesPerSecond(), options.scanPeriodMs());
    }

    /** Starts the background passes; the first begins at once. */
    public void start() {
        thread.start();
    }

    /** One full pass at the configured rate, on the calling thread. */
    public ScanResult scanOnce() throws InterruptedException {
        return scan(new ScanPacer(bytesPerSecond, System::nanoTime));
    }

    /** Stops the thread and waits for it. Idempotent. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (!closed) {
            try {
                ScanResult r = scanOnce();
                LOG.info("Block scan: {} replicas, {} bytes verified, {} corrupt", r.replicasVerified(),
                        r.bytesVerified(), r.corruptFound());
                Thread.sleep(periodMs);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Block scan pass failed; next pass after the period", e);
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private ScanResult scan(ScanPacer pacer) throws InterruptedException {
        ReplicaVerifier verifier = new ReplicaVerifier(pacer);
        int verified = 0;
        int corrupt = 0;
        long bytes = 0;
        for (ReplicaInfo replica : store.replicas()) {
            if (closed && Thread.currentThread() == thread) {
                break;
            }
            if (!replica.finalized() || replica.corrupt()) {
                continue;
            }
            ReplicaVerifier.Result result;
            try (ReplicaReader reader = store.openReplica(replica.blockId(), replica.generationStamp())) {
                result = verifier.verify(reader);
            } catch (HydraException e) {
                LOG.debug("Block scan skips {}: {}", replica, e.getMessage());
                continue;
            }
            verified++;
            bytes += result.bytesVerified();
            if (!result.ok() && unchanged(replica)) {
                corrupt++;
                store.markCorrupt(replica.blockId());
                String reason = "checksum mismatch in the chunk at offset " + result.badChunkOffset();
                ReplicaInfo marked = store.replica(replica.blockId()).orElse(replica);
                LOG.warn("Block scan found corrupt replica {}: {}", marked, reason);
                try {
                    reporter.report(marked, reason);
                } catch (RuntimeException e) {
                    LOG.error("Reporting corrupt replica {} failed", marked, e);
                }
            }
        }
        return new ScanResult(verified, corrupt, bytes);
    }

    private boolean unchanged(ReplicaInfo read) {
        Optional<ReplicaInfo> now = store.replica(read.blockId());
        return now.isPresent() && now.get().generationStamp() == read.generationStamp()
                && now.get().numBytes() == read.numBytes() && now.get().finalized();
    }
}
