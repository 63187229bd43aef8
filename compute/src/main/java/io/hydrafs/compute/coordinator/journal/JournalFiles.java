package io.hydrafs.compute.coordinator.journal;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraInputStream;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * The coordinator journal in HydraFS: one file per term, {@code <dir>/term-<epoch>-<start ms>}
 * (zero-padded, so names sort by epoch, then start). A new term first copies the records that
 * still matter (the snapshot, see {@link JournalReplay#retained}) and a snapshot-end marker
 * into its file, then appends its own. So the newest file with a marker holds the whole
 * journal: {@link #readLatest} reads only that one (a newer file without the marker is a term
 * that died while copying, and adds nothing), and older files can be deleted.
 *
 * <p>The last file of a dead coordinator may still be open for writing: readers see what its
 * writer flushed, and a torn last record is dropped ({@link JournalCodec#decode}).
 */
public final class JournalFiles {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFiles.class);
    private static final String PREFIX = "term-";

    private final HydraFileSystem fs;
    private final String dir;

    public JournalFiles(HydraFileSystem fs, String dir) {
        this.fs = fs;
        this.dir = dir.endsWith("/") && dir.length() > 1 ? dir.substring(0, dir.length() - 1) : dir;
    }

    /** The records of the newest complete journal file (empty when there is none). */
    public List<JournalEntry> readLatest() throws HydraException {
        List<FileStatus> terms = terms();
        for (int i = terms.size() - 1; i >= 0; i--) {
            FileStatus f = terms.get(i);
            JournalCodec.Decoded decoded = JournalCodec.decode(read(f.path()));
            if (decoded.ignoredBytes() > 0) {
                LOG.warn("journal {}: ignoring {} bytes after the last intact record (a torn append)", f.path(),
                        decoded.ignoredBytes());
            }
            if (decoded.entries().stream().anyMatch(JournalEntry::isSnapshotEnd)) {
                return decoded.entries();
            }
            LOG.info("journal {} has no complete snapshot; reading an older one", f.path());
        }
        return List.of();
    }

    /** A new file for the term of {@code epoch}, started at {@code startMs}. */
    public JournalWriter create(long epoch, long startMs) throws HydraException {
        String path = dir + "/" + String.format("%s%020d-%020d", PREFIX, epoch, startMs);
        return new JournalWriter(fs.create(path, CreateOptions.builder().overwrite(false).createParent(true).build()),
                epoch);
    }

    /** Deletes the files older than {@code keep} (best effort: they are never read again anyway). */
    public void deleteOlderThan(String keep) {
        try {
            for (FileStatus f : terms()) {
                if (f.path().compareTo(keep) < 0) {
                    fs.delete(f.path(), false);
                }
            }
        } catch (HydraException e) {
            LOG.warn("could not delete old journal files in {}: {}", dir, e.toString());
        }
    }

    private List<FileStatus> terms() throws HydraException {
        if (!fs.exists(dir)) {
            return List.of();
        }
        return fs.listStatus(dir).stream().filter(f -> f.name().startsWith(PREFIX))
                .sorted(Comparator.comparing(FileStatus::name)).toList();
    }

    private byte[] read(String path) throws HydraException {
        try (HydraInputStream in = fs.open(path)) {
            return in.readAllBytes();
        } catch (HydraException e) {
            throw e;
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "reading journal " + path + ": " + e, e);
        }
    }
}
