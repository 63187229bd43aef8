package io.hydrafs.compute.coordinator.journal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.coordinator.JobEvent;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.protocol.compute.JobSpecProto;
import io.hydrafs.protocol.compute.SplitProto;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The byte format of the coordinator journal. A record is {@code [int length][int crc32c]
 * [payload]}, the CRC over the payload; a payload is a type byte, the writer's lease epoch and
 * the event's fields (specs and splits as their compute.proto bytes).
 *
 * <p>A journal is appended and flushed record by record, so a crash can leave its last record
 * torn (short, or with a CRC that does not match). {@link #decode} returns the records before
 * the first one that is not whole and intact: that record and anything after it never
 * counted, because the coordinator acts only on records it has flushed.
 */
public final class JournalCodec {
    /** Larger than any real record (a job spec with its splits); a length above is garbage. */
    static final int MAX_RECORD_BYTES = 64 << 20;
    private static final int HEADER_BYTES = 8;

    private static final byte SUBMITTED = 1;
    private static final byte LAUNCHED = 2;
    private static final byte SUCCEEDED = 3;
    private static final byte FAILED = 4;
    private static final byte KILLED = 5;
    private static final byte OUTPUT_LOST = 6;
    private static final byte COMMIT_GRANTED = 7;
    private static final byte FINISHING = 8;
    private static final byte FINISHED = 9;
    private static final byte SNAPSHOT_END = 10;

    private JournalCodec() {
    }

    /** The records decoded from the intact prefix, and how many bytes that prefix has. */
    public record Decoded(List<JournalEntry> entries, int validBytes, int ignoredBytes) {
    }

    /** One framed record. */
    public static byte[] encode(JournalEntry entry) {
        byte[] payload = payload(entry);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).putInt(payload.length).putInt((int) crc.getValue())
                .put(payload).array();
    }

    /**
     * The records of a journal file's bytes up to the first torn or corrupt one. A record whose
     * frame is intact but whose content does not decode is not a crash artefact: IO_ERROR.
     */
    public static Decoded decode(byte[] bytes) throws HydraException {
        List<JournalEntry> entries = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        while (in.remaining() >= HEADER_BYTES) {
            int start = in.position();
            int length = in.getInt();
            int expectedCrc = in.getInt();
            if (length < 1 || length > MAX_RECORD_BYTES || length > in.remaining()) {
                in.position(start);
                break;
            }
            byte[] payload = new byte[length];
            in.get(payload);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            if ((int) crc.getValue() != expectedCrc) {
                in.position(start);
                break;
            }
            entries.add(parse(payload));
        }
        return new Decoded(entries, in.position(), bytes.length - in.position());
    }

    private static byte[] payload(JournalEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeEvent(out, entry);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static void writeEvent(DataOutputStream out, JournalEntry entry) throws IOException {
        JobEvent event = entry.event();
        if (event == null) {
            out.writeByte(SNAPSHOT_END);
            out.writeLong(entry.epoch());
        } else if (event instanceof JobEvent.Submitted e) {
            header(out, SUBMITTED, entry);
            writeString(out, e.jobId());
            writeBytes(out, ComputeWire.toProto(e.spec()).toByteArray());
            out.writeInt(e.splits().size());
            for (InputSplit s : e.splits()) {
                writeBytes(out, ComputeWire.toProto(s).toByteArray());
            }
            out.writeLong(e.timeMs());
            writeString(out, e.submissionId());
        } else if (event instanceof JobEvent.AttemptLaunched e) {
            header(out, LAUNCHED, entry);
            writeAttempt(out, e.attempt());
            writeString(out, e.workerId());
            out.writeBoolean(e.dataLocal());
            out.writeBoolean(e.speculative());
            out.writeLong(e.timeMs());
        } else if (event instanceof JobEvent.AttemptSucceeded e) {
            header(out, SUCCEEDED, entry);
            writeAttempt(out, e.attempt());
            writeString(out, e.host());
            out.writeInt(e.port());
            writeCounters(out, e.counters());
        } else if (event instanceof JobEvent.AttemptFailed e) {
            header(out, FAILED, entry);
            writeAttempt(out, e.attempt());
            writeString(out, e.error());
        } else if (event instanceof JobEvent.AttemptKilled e) {
            header(out, KILLED, entry);
            writeAttempt(out, e.attempt());
            writeString(out, e.reason());
        } else if (event instanceof JobEvent.MapOutputLost e) {
            header(out, OUTPUT_LOST, entry);
            writeAttempt(out, e.attempt());
            writeString(out, e.reason());
        } else if (event instanceof JobEvent.CommitGranted e) {
            header(out, COMMIT_GRANTED, entry);
            writeAttempt(out, e.attempt());
        } else if (event instanceof JobEvent.Finishing e) {
            header(out, FINISHING, entry);
            writeEnd(out, e.jobId(), e.outcome(), e.failure(), e.timeMs());
        } else if (event instanceof JobEvent.Finished e) {
            header(out, FINISHED, entry);
            writeEnd(out, e.jobId(), e.state(), e.failure(), e.timeMs());
        } else {
            throw new IllegalStateException("unknown job event " + event);
        }
    }

    private static void header(DataOutputStream out, byte type, JournalEntry entry) throws IOException {
        out.writeByte(type);
        out.writeLong(entry.epoch());
    }

    private static JournalEntry parse(byte[] payload) throws HydraException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte type = in.readByte();
            long epoch = in.readLong();
            JobEvent event = switch (type) {
                case SNAPSHOT_END -> null;
                case SUBMITTED -> {
                    String jobId = readString(in);
                    var spec = ComputeWire.fromProto(JobSpecProto.parseFrom(readBytes(in)));
                    int n = in.readInt();
                    List<InputSplit> splits = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        splits.add(ComputeWire.fromProto(SplitProto.parseFrom(readBytes(in))));
                    }
                    long timeMs = in.readLong();
                    // records written before submission ids existed end here
                    String submissionId = in.available() > 0 ? readString(in) : "";
                    yield new JobEvent.Submitted(jobId, submissionId, spec, splits, timeMs);
                }
                case LAUNCHED -> new JobEvent.AttemptLaunched(readAttempt(in), readString(in), in.readBoolean(),
                        in.readBoolean(), in.readLong());
                case SUCCEEDED -> new JobEvent.AttemptSucceeded(readAttempt(in), readString(in), in.readInt(),
                        readCounters(in));
                case FAILED -> new JobEvent.AttemptFailed(readAttempt(in), readString(in));
                case KILLED -> new JobEvent.AttemptKilled(readAttempt(in), readString(in));
                case OUTPUT_LOST -> new JobEvent.MapOutputLost(readAttempt(in), readString(in));
                case COMMIT_GRANTED -> new JobEvent.CommitGranted(readAttempt(in));
                case FINISHING -> new JobEvent.Finishing(readString(in), readState(in), readString(in), in.readLong());
                case FINISHED -> new JobEvent.Finished(readString(in), readState(in), readString(in), in.readLong());
                default -> throw new HydraException(ErrorCode.IO_ERROR, "journal record of unknown type " + type);
            };
            if (in.available() != 0) {
                throw new HydraException(ErrorCode.IO_ERROR, "journal record of type " + type + " has "
                        + in.available() + " trailing bytes");
            }
            return new JournalEntry(epoch, event);
        } catch (InvalidProtocolBufferException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "journal record with a bad job spec or split: " + e, e);
        } catch (HydraException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "undecodable journal record: " + e.getMessage(), e);
        } catch (IOException | IllegalArgumentException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "undecodable journal record: " + e, e);
        }
    }

    private static void writeEnd(DataOutputStream out, String jobId, JobStatus.State state, String failure,
                                 long timeMs) throws IOException {
        writeString(out, jobId);
        out.writeByte(state.ordinal());
        writeString(out, failure);
        out.writeLong(timeMs);
    }

    private static JobStatus.State readState(DataInputStream in) throws IOException {
        int ordinal = in.readUnsignedByte();
        JobStatus.State[] states = JobStatus.State.values();
        if (ordinal >= states.length) {
            throw new IOException("job state " + ordinal + " out of range");
        }
        return states[ordinal];
    }

    private static void writeAttempt(DataOutputStream out, AttemptKey key) throws IOException {
        writeString(out, key.jobId());
        out.writeByte(key.attempt().type() == TaskType.MAP ? 0 : 1);
        out.writeInt(key.attempt().task());
        out.writeInt(key.attempt().attempt());
    }

    private static AttemptKey readAttempt(DataInputStream in) throws IOException {
        String jobId = readString(in);
        TaskType type = in.readByte() == 0 ? TaskType.MAP : TaskType.REDUCE;
        return new AttemptKey(jobId, new TaskAttemptId(type, in.readInt(), in.readInt()));
    }

    private static void writeCounters(DataOutputStream out, Counters counters) throws IOException {
        Map<String, Map<String, Long>> groups = counters.snapshot();
        out.writeInt(groups.values().stream().mapToInt(Map::size).sum());
        for (Map.Entry<String, Map<String, Long>> g : groups.entrySet()) {
            for (Map.Entry<String, Long> c : g.getValue().entrySet()) {
                writeString(out, g.getKey());
                writeString(out, c.getKey());
                out.writeLong(c.getValue());
            }
        }
    }

    private static Counters readCounters(DataInputStream in) throws IOException {
        Counters c = new Counters();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            c.increment(readString(in), readString(in), in.readLong());
        }
        return c;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("field of " + n + " bytes with " + in.available() + " left");
        }
        return in.readNBytes(n);
    }
}
