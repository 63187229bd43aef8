package io.hydrafs.compute.coordinator.journal;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.coordinator.JobEvent;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalCodecTest {
    private static final AttemptKey MAP = new AttemptKey("job_1_0001", new TaskAttemptId(TaskType.MAP, 3, 1));
    private static final AttemptKey REDUCE = new AttemptKey("job_1_0001", new TaskAttemptId(TaskType.REDUCE, 0, 2));

    static List<JournalEntry> everyKind() {
        Counters counters = new Counters();
        counters.increment(TaskCounter.MAP_INPUT_RECORDS, 42);
        counters.increment("user", "lines", -7);
        JobSpec spec = new JobSpec("wc", "x.Def", "/staging/job.jar", List.of("/in/a", "/in/b"), "/out", 2,
                Map.of("k", "v".repeat(70_000), "other", "ünïcödé"));
        List<InputSplit> splits = List.of(new InputSplit("/in/a", 0, 65_536, List.of("b0", "b1")),
                new InputSplit("/in/b", 65_536, 10, List.of()));
        return List.of(
                new JournalEntry(7, new JobEvent.Submitted("job_1_0001", "3f2c-submission", spec, splits, 1_000)),
                new JournalEntry(7, new JobEvent.AttemptLaunched(MAP, "w0", true, false, 1_001)),
                new JournalEntry(7, new JobEvent.AttemptSucceeded(MAP, "127.0.0.1", 7510, counters)),
                new JournalEntry(7, new JobEvent.AttemptFailed(REDUCE, "boom")),
                new JournalEntry(7, new JobEvent.AttemptKilled(REDUCE, "lost")),
                new JournalEntry(7, new JobEvent.MapOutputLost(MAP, "worker gone")),
                new JournalEntry(8, new JobEvent.CommitGranted(REDUCE)),
                new JournalEntry(8, new JobEvent.Finishing("job_1_0001", JobStatus.State.SUCCEEDED, "", 2_000)),
                new JournalEntry(8, new JobEvent.Finished("job_1_0001", JobStatus.State.KILLED, "killed", 2_001)),
                JournalEntry.snapshotEnd(9));
    }

    private static byte[] encodeAll(List<JournalEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entries.forEach(e -> out.writeBytes(JournalCodec.encode(e)));
        return out.toByteArray();
    }

    /** Counters have no equals: compare events by their text, which shows every field. */
    private static void assertSame(List<JournalEntry> expected, List<JournalEntry> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).epoch(), actual.get(i).epoch());
            assertEquals(String.valueOf(expected.get(i).event()), String.valueOf(actual.get(i).event()));
        }
    }

    @Test
    void everyKindOfRecordRoundTrips() throws Exception {
        List<JournalEntry> entries = everyKind();

        JournalCodec.Decoded decoded = JournalCodec.decode(encodeAll(entries));

        assertSame(entries, decoded.entries());
        assertEquals(0, decoded.ignoredBytes());
        JobEvent.Submitted submitted = (JobEvent.Submitted) decoded.entries().get(0).event();
        assertEquals(((JobEvent.Submitted) entries.get(0).event()).spec(), submitted.spec());
        assertEquals(((JobEvent.Submitted) entries.get(0).event()).splits(), submitted.splits());
        Counters c = ((JobEvent.AttemptSucceeded) decoded.entries().get(2).event()).counters();
        assertEquals(42, c.get(TaskCounter.MAP_INPUT_RECORDS));
        assertEquals(-7, c.get("user", "lines"));
    }

    @Test
    void aRecordTornAtAnyByteIsIgnoredWithEverythingAfterIt() throws Exception {
        List<JournalEntry> entries = everyKind().subList(0, 4);
        byte[] whole = encodeAll(entries);
        int lastStart = encodeAll(entries.subList(0, 3)).length;

        for (int cut = lastStart; cut < whole.length; cut++) {
            byte[] torn = java.util.Arrays.copyOf(whole, cut);

            JournalCodec.Decoded decoded = JournalCodec.decode(torn);

            assertSame(entries.subList(0, 3), decoded.entries());
            assertEquals(lastStart, decoded.validBytes(), "cut at " + cut);
            assertEquals(cut - lastStart, decoded.ignoredBytes());
        }
    }

    @Test
    void aRecordWhoseBytesDoNotMatchItsCrcEndsTheJournal() throws Exception {
        List<JournalEntry> entries = everyKind().subList(0, 3);
        byte[] bytes = encodeAll(entries);
        bytes[bytes.length - 3] ^= 0x10;  // inside the last record's payload, as a half-written sector would

        JournalCodec.Decoded decoded = JournalCodec.decode(bytes);

        assertSame(entries.subList(0, 2), decoded.entries());
        assertTrue(decoded.ignoredBytes() > 0);
    }

    @Test
    void zeroesAfterTheLastRecordAreIgnored() throws Exception {
        List<JournalEntry> entries = everyKind().subList(0, 2);
        byte[] records = encodeAll(entries);
        byte[] padded = java.util.Arrays.copyOf(records, records.length + 100);

        JournalCodec.Decoded decoded = JournalCodec.decode(padded);

        assertSame(entries, decoded.entries());
        assertEquals(100, decoded.ignoredBytes());
    }

    @Test
    void anIntactRecordOfUnknownTypeIsAnIoErrorNotATornTail() {
        byte[] payload = ByteBuffer.allocate(9).put((byte) 99).putLong(1).array();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        byte[] record = ByteBuffer.allocate(8 + payload.length).putInt(payload.length).putInt((int) crc.getValue())
                .put(payload).array();

        HydraException e = assertThrows(HydraException.class, () -> JournalCodec.decode(record));

        assertEquals(ErrorCode.IO_ERROR, e.code());
    }

    @Test
    void retainedKeepsUnfinishedJobsAndOnlyTheNewestFinishedOnes() {
        List<JournalEntry> entries = new ArrayList<>();
        for (int j = 1; j <= 3; j++) {
            String id = "job_" + j;
            entries.add(new JournalEntry(1, new JobEvent.Submitted(id, "", new JobSpec("n", "x.Def", "", List.of("/in"),
                    "/out" + j, 1, Map.of()), List.of(), j)));
        }
        entries.add(new JournalEntry(1, new JobEvent.Finished("job_1", JobStatus.State.SUCCEEDED, "", 10)));
        entries.add(new JournalEntry(1, new JobEvent.Finished("job_2", JobStatus.State.FAILED, "x", 11)));
        entries.add(JournalEntry.snapshotEnd(1));

        List<JournalEntry> kept = JournalReplay.retained(entries, 1);

        assertEquals(List.of("job_2", "job_3", "job_2"), kept.stream().map(e -> e.event().jobId()).toList());
    }
}
