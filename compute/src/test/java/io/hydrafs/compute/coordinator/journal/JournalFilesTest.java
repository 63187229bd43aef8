package io.hydrafs.compute.coordinator.journal;

import io.hydrafs.compute.ClusterTestBase;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.compute.coordinator.JobEvent;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The journal's files in HydraFS (MiniCluster): which file recovery reads, torn tails, clean-up. */
@Timeout(120)
class JournalFilesTest extends ClusterTestBase {

    private static List<JobEvent> events(List<JournalEntry> entries) {
        return entries.stream().filter(e -> !e.isSnapshotEnd()).map(JournalEntry::event).toList();
    }

    @Test
    void recoveryReadsTheNewestFileWithACompleteSnapshotAndSeesFlushedRecordsOfAFileStillOpen() throws Exception {
        JournalFiles files = new JournalFiles(fs, "/j1");
        List<JournalEntry> sample = JournalCodecTest.everyKind();
        JournalWriter first = files.create(1, 100);
        first.snapshotEnd();
        first.append(sample.get(0).event());
        first.append(sample.get(1).event());
        first.sync();
        JournalWriter dying = files.create(2, 200);  // a term that died while copying: no marker
        dying.copy(sample.get(0));
        dying.sync();

        List<JournalEntry> read = files.readLatest();

        assertEquals(List.of(sample.get(0).event().jobId(), sample.get(1).event().jobId()),
                events(read).stream().map(JobEvent::jobId).toList());
        assertEquals(3, read.size());
        first.close();
        dying.close();
    }

    @Test
    void aTornLastRecordInAFileIsIgnored() throws Exception {
        byte[] whole = JournalCodec.encode(JournalEntry.snapshotEnd(1));
        byte[] next = JournalCodec.encode(JournalCodecTest.everyKind().get(1));
        try (HydraOutputStream out = fs.create("/j2/term-" + String.format("%020d-%020d", 1, 1))) {
            out.write(whole);
            out.write(Arrays.copyOf(next, next.length - 5));
        }

        List<JournalEntry> read = new JournalFiles(fs, "/j2").readLatest();

        assertEquals(1, read.size());
        assertTrue(read.get(0).isSnapshotEnd());
    }

    @Test
    void filesOlderThanTheNewTermsAreDeletedAndAMissingDirectoryIsAnEmptyJournal() throws HydraException {
        JournalFiles files = new JournalFiles(fs, "/j3");
        assertTrue(files.readLatest().isEmpty());
        JournalWriter old = files.create(1, 100);
        old.close();
        JournalWriter current = files.create(4, 300);
        current.snapshotEnd();
        current.sync();

        files.deleteOlderThan(current.path());

        assertFalse(fs.exists(old.path()));
        assertTrue(fs.exists(current.path()));
        current.close();
    }
}
