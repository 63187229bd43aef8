package io.hydrafs.compute.shuffle;

import io.hydrafs.compute.sort.MapOutputFile;
import io.hydrafs.protocol.error.Invariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The map outputs a worker holds for reducers, by (job, map index, attempt). Layout on disk:
 * {@code <root>/<job>/map-<M>/attempt-<A>/}, one directory per attempt so a failed attempt's
 * leftovers never mix with a retry's, and one directory per job so {@link #removeJob} is a
 * single recursive delete.
 *
 * <p>Contract: a map attempt writes its output under {@link #attemptDir} and then
 * {@link #register}s it; only registered outputs are served. Thread-safe; the registry lives in
 * memory, so a restarted worker serves nothing (its map outputs count as lost and are re-run).
 */
public final class MapOutputStore {
    private static final Logger LOG = LoggerFactory.getLogger(MapOutputStore.class);

    private record Key(String jobId, int mapIndex, int attempt) {
    }

    /** A registered output with the CRC32C of each partition segment. */
    record StoredOutput(MapOutputFile output, int[] segmentCrcs) {
    }

    private final Path root;
    private final Map<Key, StoredOutput> outputs = new HashMap<>();

    public MapOutputStore(Path rootDir) {
        this.root = rootDir.toAbsolutePath().normalize();
    }

    /**
     * Where attempt {@code attempt} of map {@code mapIndex} writes its output; created on demand.
     *
     * @throws IllegalArgumentException for a job id that is not a safe directory name
     *         ({@code [A-Za-z0-9_.-]}, at most 128, not starting with a dot) or a negative index
     * @throws UncheckedIOException when the directory cannot be created
     */
    public Path attemptDir(String jobId, int mapIndex, int attempt) {
        Path dir = jobDir(jobId).resolve("map-" + requireNonNegative(mapIndex, "map index"))
                .resolve("attempt-" + requireNonNegative(attempt, "attempt"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create map output directory " + dir, e);
        }
        return dir;
    }

    /**
     * Makes a finished attempt's output fetchable, replacing an earlier registration of the same
     * attempt. Reads the file once to checksum every segment (see {@link SegmentChecksums}).
     *
     * @throws UncheckedIOException when the file cannot be read or is shorter than its index
     *         says; the attempt should then count as failed
     */
    public void register(String jobId, int mapIndex, int attempt, MapOutputFile output) {
        Path file = output.file().toAbsolutePath().normalize();
        Invariants.check(file.startsWith(jobDir(jobId)), "map output %s is not under its job directory %s", file,
                jobDir(jobId));
        int[] crcs;
        try {
            crcs = SegmentChecksums.compute(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register map output " + file, e);
        }
        synchronized (this) {
            outputs.put(new Key(jobId, mapIndex, attempt), new StoredOutput(output, crcs));
        }
    }

    public Optional<MapOutputFile> find(String jobId, int mapIndex, int attempt) {
        return stored(jobId, mapIndex, attempt).map(StoredOutput::output);
    }

    synchronized Optional<StoredOutput> stored(String jobId, int mapIndex, int attempt) {
        return Optional.ofNullable(outputs.get(new Key(jobId, mapIndex, attempt)));
    }

    /**
     * Forgets every output of the job and deletes its directory. Segments being sent keep
     * their open files (the OS frees them when the send ends); later fetches get 404.
     */
    public void removeJob(String jobId) {
        Path dir = jobDir(jobId);
        synchronized (this) {
            outputs.keySet().removeIf(k -> k.jobId().equals(jobId));
        }
        try {
            deleteRecursively(dir);
        } catch (IOException e) {
            // leftovers only cost disk; the registry already forgot them, so nothing serves them
            LOG.warn("could not delete all map outputs of job {} under {}: {}", jobId, dir, e.toString());
        }
    }

    private Path jobDir(String jobId) {
        if (!SegmentRequest.isValidJobId(jobId)) {
            throw new IllegalArgumentException("not a valid job id for a directory name: " + jobId);
        }
        return root.resolve(jobId);
    }

    private static int requireNonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + value);
        }
        return value;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
