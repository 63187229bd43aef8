package io.hydrafs.client.data;

import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.WriteBlockRequest;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.data.WriteStage;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The write pipeline of one block: a connection to the first node of {@code locations}, which
 * forwards to the rest; packets go out as the caller hands them over, at most
 * {@code writeWindowPackets} unacked (the caller blocks when the window is full: backpressure).
 *
 * <p>Threads: one caller (the stream, whose methods are synchronized) sends and waits; acks are
 * accounted for on the connection's I/O thread ({@link AckTracker}), which also resends after a
 * checksum mismatch. A pipeline failure (a non-zero ack code, a failed setup, a lost connection,
 * no ack within the ack timeout) is only recorded there; the caller runs the recovery
 * ({@link PipelineRecovery}) in its next wait, since it calls the meta service. Callbacks from a
 * connection that recovery replaced are ignored (generation counter).
 */
final class BlockWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockWriter.class);
    /** Resends of one packet after checksum mismatches before its node is treated as failed. */
    static final int MAX_CHECKSUM_RESENDS = 3;

    /** The meta calls a recovery needs, made by the file-level writer. */
    interface Recoveries {
        /** updatePipeline: the block with its current stamp and acked bytes, the surviving ids; the new stamp. */
        LocatedBlockProto updatePipeline(BlockProto block, List<String> survivors) throws HydraException;

        /** abandonBlock, then addBlock placing the new block away from {@code excluded}. */
        LocatedBlockProto replaceBlock(LocatedBlockProto abandoned, List<String> excluded) throws HydraException;
    }

    private record Failure(int index, ErrorCode code, String message) {
    }

    private final String what;
    private final String clientName;
    private final DataOptions options;
    private final Recoveries recoveries;
    private final boolean replaceable;
    private final Set<String> excluded = new LinkedHashSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final AckTracker acks;
    private LocatedBlockProto located;
    private DataConnection connection;
    private long generation;
    private Failure failure;
    private WriteBlockResponse setupAnswer;
    private long progressNanos;
    private int replacements;

    private BlockWriter(String what, String clientName, DataOptions options, Recoveries recoveries,
                        LocatedBlockProto located, boolean replaceable) {
        this.what = what;
        this.clientName = clientName;
        this.options = options;
        this.recoveries = recoveries;
        this.located = located;
        this.replaceable = replaceable;
        this.acks = new AckTracker(located.getBlock().getNumBytes(), MAX_CHECKSUM_RESENDS);
    }

    /** Opens the pipeline of a new block (stage CREATE), recovering as needed. */
    static BlockWriter create(String path, String clientName, DataOptions options, Recoveries recoveries,
                              LocatedBlockProto block) throws HydraException {
        BlockWriter writer = new BlockWriter(path, clientName, options, recoveries, block.toBuilder()
                .setBlock(block.getBlock().toBuilder().setNumBytes(0)).build(), true);
        writer.establish(WriteStage.CREATE, 0);
        return writer;
    }

    /** Reopens the replicas of an appended block ({@code block}: new stamp, current length). */
    static BlockWriter append(String path, String clientName, DataOptions options, Recoveries recoveries,
                              LocatedBlockProto block, long oldStamp) throws HydraException {
        BlockWriter writer = new BlockWriter(path, clientName, options, recoveries, block, false);
        writer.establish(WriteStage.APPEND, oldStamp);
        return writer;
    }

    /** The block as it stands: current id and stamp, acked bytes as its length. */
    BlockProto block() {
        lock.lock();
        try {
            return located.getBlock().toBuilder().setNumBytes(acks.ackedBytes()).build();
        } finally {
            lock.unlock();
        }
    }

    /** Sends a packet, first waiting for room in the window. */
    void send(WritePacket packet) throws HydraException {
        awaitUntil(() -> acks.unackedCount() < options.writeWindowPackets(), false);
        lock.lock();
        try {
            if (acks.unackedCount() == 0) {
                progressNanos = System.nanoTime();
            }
            acks.sent(packet);
            connection.send(packet.toFrame());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every packet sent so far is acked by the whole pipeline (recovering as needed).
     * A connection lost after that is no failure of this write: every replica holds every packet
     * (after the last one, finalized), and recovering would reopen finalized replicas under a new
     * stamp with no packet left to finalize them again, so the file could never be completed.
     * A later {@link #send} recovers first, as it would from any failure.
     */
    void awaitAcked() throws HydraException {
        awaitUntil(() -> acks.unackedCount() == 0, true);
    }

    /** Whether a failure was seen that no recovery has handled yet. */
    boolean failurePending() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the connection (after the last packet was acked, or to abort). Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            generation++;
            if (connection != null) {
                connection.close();
                connection = null;
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- waiting and recovering (caller thread) ----

    /** Waits for {@code ready}, recovering from failures; with {@code readyWins} a ready state needs no recovery. */
    private void awaitUntil(BooleanSupplier ready, boolean readyWins) throws HydraException {
        while (true) {
            Failure f;
            lock.lock();
            try {
                while (failure == null && !ready.getAsBoolean()) {
                    long silentNanos = System.nanoTime() - progressNanos;
                    long limitNanos = TimeUnit.MILLISECONDS.toNanos(options.ackTimeoutMs());
                    if (silentNanos >= limitNanos) {
                        failure = new Failure(0, ErrorCode.TIMEOUT, "no ack from the pipeline of " + describe()
                                + " within " + options.ackTimeoutMs() + " ms");
                        break;
                    }
                    awaitNanos(limitNanos - silentNanos);
                }
                if (failure == null || (readyWins && ready.getAsBoolean())) {
                    return;
                }
                f = failure;
            } finally {
                lock.unlock();
            }
            recover(f);
        }
    }

    private void awaitNanos(long nanos) throws HydraException {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.IO_ERROR, "interrupted while writing " + describe(), e);
        }
    }

    /** Sets up the pipeline, recovering from setup failures. */
    private void establish(WriteStage stage, long oldStamp) throws HydraException {
        Failure f = connect(stage, oldStamp);
        if (f != null) {
            recover(f);
        }
    }

    /** Recovers from {@code first} and from every failure of the new pipelines, until one is up. */
    private void recover(Failure first) throws HydraException {
        Failure f = first;
        while (f != null) {
            List<BlockstoreLocation> pipeline;
            long acked;
            lock.lock();
            try {
                generation++;
                failure = null;
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                acks.newConnection();
                pipeline = located.getLocationsList();
                acked = acks.ackedBytes();
            } finally {
                lock.unlock();
            }
            PipelineRecovery.Decision d = PipelineRecovery.decide(pipeline, f.index(), acked, replaceable, replacements);
            LOG.warn("pipeline of {} failed ({}: {}); {} ({})", describe(), f.code(), f.message(), d.action(), d.reason());
            long oldStamp = located.getBlock().getGenerationStamp();
            WriteStage stage;
            LocatedBlockProto next;
            switch (d.action()) {
                case FAIL -> throw new HydraException(ErrorCode.PIPELINE_FAILED, "writing " + describe() + ": "
                        + d.reason() + "; last failure: " + f.code() + ": " + f.message());
                case REPLACE_BLOCK -> {
                    excluded.add(d.failed().getId());
                    replacements++;
                    next = recoveries.replaceBlock(located, List.copyOf(excluded));
                    next = next.toBuilder().setBlock(next.getBlock().toBuilder().setNumBytes(0)).build();
                    stage = WriteStage.CREATE;
                    oldStamp = 0;
                }
                default -> {
                    List<String> ids = d.survivors().stream().map(BlockstoreLocation::getId).toList();
                    BlockProto current = located.getBlock().toBuilder().setNumBytes(acked).build();
                    LocatedBlockProto updated = recoveries.updatePipeline(current, ids);
                    next = LocatedBlockProto.newBuilder(located)
                            .setBlock(current.toBuilder().setGenerationStamp(updated.getBlock().getGenerationStamp()))
                            .clearTargets().addAllTargets(ids)
                            .clearLocations().addAllLocations(survivorLocations(updated, d.survivors()))
                            .build();
                    stage = WriteStage.RECOVER_PIPELINE;
                }
            }
            lock.lock();
            try {
                located = next;
                if (stage == WriteStage.CREATE) {
                    acks.restartBlock();
                }
            } finally {
                lock.unlock();
            }
            f = connect(stage, oldStamp);
        }
        lock.lock();
        try {
            List<WritePacket> resend = acks.unacked();
            progressNanos = System.nanoTime();
            for (WritePacket p : resend) {
                connection.send(p.toFrame());
            }
        } finally {
            lock.unlock();
        }
    }

    // The meta answer normally carries the addresses; if not, keep the ones we had.
    private static List<BlockstoreLocation> survivorLocations(LocatedBlockProto updated, List<BlockstoreLocation> survivors) {
        if (updated.getLocationsCount() == survivors.size()) {
            return updated.getLocationsList();
        }
        return survivors;
    }

    /** Connects to the first node and sets the pipeline up; null when it is ready, else what failed. */
    private Failure connect(WriteStage stage, long oldStamp) throws HydraException {
        List<BlockstoreLocation> pipeline = located.getLocationsList();
        if (pipeline.isEmpty()) {
            throw new HydraException(ErrorCode.PIPELINE_FAILED, "writing " + describe()
                    + ": the meta service gave no blockstore address for it");
        }
        long myGeneration;
        lock.lock();
        try {
            myGeneration = ++generation;
            setupAnswer = null;
            failure = null;
        } finally {
            lock.unlock();
        }
        DataConnection c;
        try {
            c = DataConnection.connect(pipeline.get(0), options.connectTimeoutMs(), new Inbound(myGeneration));
        } catch (HydraException e) {
            return new Failure(0, ErrorCode.CONNECTION_FAILED, e.detail());
        }
        WriteBlockRequest request = WriteBlockRequest.newBuilder()
                .setBlock(located.getBlock().toBuilder().setNumBytes(acks.ackedBytes()))
                .setStage(stage)
                .addAllDownstream(pipeline.subList(1, pipeline.size()))
                .setClientName(clientName)
                .setOldGenerationStamp(oldStamp)
                .build();
        lock.lock();
        try {
            connection = c;
            progressNanos = System.nanoTime();
            c.send(DataFrame.of(DataHeader.newBuilder().setWriteBlock(request).build()));
            long deadline = progressNanos + TimeUnit.MILLISECONDS.toNanos(options.ackTimeoutMs());
            while (setupAnswer == null && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Failure(0, ErrorCode.TIMEOUT, "no answer to the pipeline setup of " + describe()
                            + " within " + options.ackTimeoutMs() + " ms");
                }
                awaitNanos(left);
            }
            // A failed setup's answer names the node to blame; the first node then closes the
            // connection, and that close must not be blamed on the first node instead.
            if (setupAnswer != null && setupAnswer.hasError()) {
                failure = null;
                return new Failure(setupAnswer.getFailedIndex(), ErrorCode.fromNumber(setupAnswer.getError().getCode()),
                        setupAnswer.getError().getMessage());
            }
            if (failure != null) {
                Failure f = failure;
                failure = null;
                return f;
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private String describe() {
        BlockProto b = located.getBlock();
        List<String> ids = new ArrayList<>(located.getTargetsList());
        return "block " + b.getBlockId() + " (stamp " + b.getGenerationStamp() + ") of " + what + " on " + ids;
    }

    // ---- I/O thread ----

    private final class Inbound implements DataConnection.Listener {
        private final long myGeneration;

        Inbound(long myGeneration) {
            this.myGeneration = myGeneration;
        }

        @Override
        public void frame(DataFrame frame) {
            try {
                lock.lock();
                try {
                    if (myGeneration != generation || failure != null) {
                        return;  // a replaced connection, or one whose failure awaits recovery
                    }
                    DataHeader h = frame.header();
                    switch (h.getKindCase()) {
                        case WRITE_BLOCK_RESPONSE -> setupAnswer = h.getWriteBlockResponse();
                        case ACK -> onAck(h);
                        default -> fail(new Failure(0, ErrorCode.MALFORMED_REQUEST, "unexpected " + h.getKindCase()
                                + " frame from the pipeline"));
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            } finally {
                frame.release();
            }
        }

        private void onAck(DataHeader h) {
            AckTracker.Outcome o = acks.onAck(h.getAck(), located.getLocationsCount());
            switch (o.kind()) {
                case ACKED -> progressNanos = System.nanoTime();
                case RESEND -> {
                    LOG.info("{} damaged on the way to node {} of {}: sending {} packet(s) again",
                            o.resend().get(0), o.failedIndex(), describe(), o.resend().size());
                    progressNanos = System.nanoTime();
                    for (WritePacket p : o.resend()) {
                        connection.send(p.toFrame());
                    }
                }
                case FAILED -> fail(new Failure(o.failedIndex(), o.code(), o.message()));
                default -> { }
            }
        }

        @Override
        public void closed(String why) {
            lock.lock();
            try {
                if (myGeneration == generation) {
                    fail(new Failure(0, ErrorCode.CONNECTION_FAILED, "connection to the first node lost: " + why));
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        private void fail(Failure f) {
            if (failure == null) {
                failure = f;
            }
        }
    }
}
