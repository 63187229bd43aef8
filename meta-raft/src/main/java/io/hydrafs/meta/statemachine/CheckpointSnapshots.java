package io.hydrafs.meta.statemachine;

import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshots as RocksDB checkpoints, one directory each, in Ratis's state machine directory:
 * {@code sm/snapshot.<term>_<index>/} holding the checkpoint's files.
 *
 * <p>Ratis ships the files listed by {@link #getLatestSnapshot()} to a follower that is behind
 * the leader's purged log; on the follower they land under a temporary directory that then
 * replaces the whole {@code sm/} directory, after which the state machine reloads from the
 * newest snapshot directory found here. The live database lives outside {@code sm/} for that
 * reason. Ratis adds {@code .md5} files beside received files; they are not part of a
 * checkpoint and are never listed.
 */
final class CheckpointSnapshots implements StateMachineStorage {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSnapshots.class);
    private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");

    private volatile Path smDir;
    private volatile FileListSnapshotInfo latest;

    @Override
    public void init(RaftStorage storage) throws IOException {
        this.smDir = storage.getStorageDir().getStateMachineDir().toPath();
        Files.createDirectories(smDir);
        refresh();
    }

    /** Rescans the directory (after a snapshot was taken or installed). */
    void refresh() throws IOException {
        Optional<Path> dir = newestDir();
        if (dir.isEmpty()) {
            latest = null;
            return;
        }
        TermIndex ti = termIndexOf(dir.get());
        List<FileInfo> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir.get())) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".md5")) {
                    files.add(new FileInfo(p.toAbsolutePath(), null));
                }
            }
        }
        latest = new FileListSnapshotInfo(files, ti);
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latest;
    }

    /** The directory of the newest snapshot, if any. */
    Optional<Path> latestDir() throws IOException {
        return newestDir();
    }

    /** Where a new checkpoint at (term, index) must be written; the directory must not exist yet. */
    Path dirFor(long term, long index) {
        return smDir.resolve("snapshot." + term + "_" + index);
    }

    /** A scratch path for a checkpoint being written, renamed by the caller once complete. */
    Path tmpDir() {
        return smDir.resolve("snapshot.tmp-" + System.nanoTime());
    }

    @Override
    public void format() {
    }

    @Override
    public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
        int keep = Math.max(2, policy == null ? 2 : policy.getNumSnapshotsRetained());
        List<Path> dirs = snapshotDirs();
        for (int i = 0; i < dirs.size() - keep; i++) {
            deleteTree(dirs.get(i));
        }
        // checkpoints interrupted by a crash
        try (Stream<Path> s = Files.list(smDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().startsWith("snapshot.tmp-")) {
                    deleteTree(p);
                }
            }
        }
    }

    private Optional<Path> newestDir() throws IOException {
        List<Path> dirs = snapshotDirs();
        return dirs.isEmpty() ? Optional.empty() : Optional.of(dirs.get(dirs.size() - 1));
    }

    /** Snapshot directories, oldest first. */
    private List<Path> snapshotDirs() throws IOException {
        if (smDir == null || !Files.isDirectory(smDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(smDir)) {
            return s.filter(p -> Files.isDirectory(p) && NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong((Path p) -> termIndexOf(p).getIndex())
                            .thenComparingLong(p -> termIndexOf(p).getTerm()))
                    .toList();
        }
    }

    static TermIndex termIndexOf(Path dir) {
        Matcher m = NAME.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a snapshot directory: " + dir);
        }
        return TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            LOG.warn("could not delete {}", root, e);
            throw e.getCause();
        }
    }
}
