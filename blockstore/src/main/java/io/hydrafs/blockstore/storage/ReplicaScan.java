package io.hydrafs.blockstore.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rebuilds the replica map from the volumes at start, repairing what a crash left behind:
 * <ul>
 *   <li>tmp/ is emptied;</li>
 *   <li>a block file and its checksum file split across the two areas by a crash between the two
 *       renames of a finalize or reopen (the block file always moves first) are put together again
 *       where the block file is;</li>
 *   <li>a block file without a checksum file, or the reverse, is an orphan and deleted; of several
 *       checksum files of one block, the newest stamp's is kept;</li>
 *   <li>finalized replicas are trusted as they are (the block scanner verifies them later);</li>
 *   <li>a replica being written keeps the longest prefix whose chunks match their checksums: a
 *       packet cut off by the crash was never acknowledged, so dropping it loses nothing;</li>
 *   <li>of two replicas of one block id (two volumes, or both areas of one): the newest stamp wins,
 *       then the finalized one, then the longer one; the loser's files are deleted.</li>
 * </ul>
 * A volume whose scan hits an I/O error is marked failed and contributes nothing.
 */
final class ReplicaScan {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaScan.class);

    private static final Comparator<StoredReplica> PREFERENCE = Comparator
            .<StoredReplica>comparingLong(r -> r.generationStamp)
            .thenComparing(r -> r.finalized)
            .thenComparingLong(r -> r.visible.bytes());

    /** The files of one block id found in one area of a volume. */
    private static final class Found {
        Path block;
        final TreeMap<Long, Path> checksums = new TreeMap<>(Long::compareUnsigned);
    }

    private ReplicaScan() {
    }

    static Map<Long, StoredReplica> scan(List<Volume> volumes) {
        Map<Long, StoredReplica> replicas = new HashMap<>();
        for (Volume v : volumes) {
            if (v.failed()) {
                continue;
            }
            try {
                List<StoredReplica> found = scanVolume(v);
                for (StoredReplica r : found) {
                    keepPreferred(replicas, r);
                }
                LOG.info("Volume {}: {} replicas", v, found.size());
            } catch (IOException | UncheckedIOException e) {
                v.markFailed("rescan failed: " + e);
                replicas.values().removeIf(r -> r.volume == v);
            }
        }
        return replicas;
    }

    private static List<StoredReplica> scanVolume(Volume v) throws IOException {
        emptyTmp(v);
        Map<Long, Found> writing = collect(v, false);
        Map<Long, Found> finalized = collect(v, true);
        rejoinSplitPairs(v, writing, finalized);
        List<StoredReplica> result = new ArrayList<>();
        for (Map.Entry<Long, Found> e : finalized.entrySet()) {
            Path checksum = pairedChecksum(e.getValue());
            if (checksum != null) {
                long stamp = e.getValue().checksums.lastKey();
                result.add(new StoredReplica(e.getKey(), v, stamp, Files.size(e.getValue().block), true));
            }
        }
        for (Map.Entry<Long, Found> e : writing.entrySet()) {
            Path checksum = pairedChecksum(e.getValue());
            if (checksum != null) {
                StoredReplica r = truncateToVerifiedPrefix(v, e.getKey(), e.getValue().checksums.lastKey(),
                        e.getValue().block, checksum);
                if (r != null) {
                    result.add(r);
                }
            }
        }
        return result;
    }

    private static void emptyTmp(Volume v) throws IOException {
        try (Stream<Path> files = Files.list(v.tmpDir())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(p)) {
                for (Path c : (Iterable<Path>) children::iterator) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }

    private static Map<Long, Found> collect(Volume v, boolean finalizedArea) throws IOException {
        Map<Long, Found> found = new HashMap<>();
        Path root = finalizedArea ? v.finalizedRoot() : v.beingWrittenDir();
        try (Stream<Path> files = finalizedArea ? Files.walk(root) : Files.list(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String name = p.getFileName().toString();
                OptionalLong blockId = ReplicaFiles.blockIdOfBlockFile(name);
                long[] idAndStamp = ReplicaFiles.idAndStampOfChecksumFile(name);
                long id = blockId.isPresent() ? blockId.getAsLong() : idAndStamp != null ? idAndStamp[0] : 0;
                if (blockId.isEmpty() && idAndStamp == null) {
                    LOG.warn("Volume {}: ignoring unknown file {}", v, p);
                    continue;
                }
                if (!p.getParent().equals(v.replicaDir(id, finalizedArea))) {
                    LOG.warn("Volume {}: deleting {}, which is not where block {} belongs", v, p, id);
                    Files.delete(p);
                    continue;
                }
                Found f = found.computeIfAbsent(id, k -> new Found());
                if (blockId.isPresent()) {
                    f.block = p;
                } else {
                    f.checksums.put(idAndStamp[1], p);
                }
            }
        }
        return found;
    }

    private static void rejoinSplitPairs(Volume v, Map<Long, Found> writing, Map<Long, Found> finalized)
            throws IOException {
        for (Map.Entry<Long, Found> e : writing.entrySet()) {
            Found w = e.getValue();
            Found f = finalized.get(e.getKey());
            if (f == null) {
                continue;
            }
            if (w.block != null && w.checksums.isEmpty() && f.block == null && !f.checksums.isEmpty()) {
                moveChecksums(v, f, w);
            } else if (f.block != null && f.checksums.isEmpty() && w.block == null && !w.checksums.isEmpty()) {
                moveChecksums(v, w, f);
            }
        }
    }

    private static void moveChecksums(Volume v, Found from, Found to) throws IOException {
        Path dir = to.block.getParent();
        for (Map.Entry<Long, Path> c : from.checksums.entrySet()) {
            Path target = dir.resolve(c.getValue().getFileName());
            Files.move(c.getValue(), target);
            to.checksums.put(c.getKey(), target);
            LOG.info("Volume {}: rejoined {} with its block file after an interrupted move", v, target);
        }
        from.checksums.clear();
    }

    /** The newest checksum file when the block file has one; deletes orphans and older checksum files. */
    private static Path pairedChecksum(Found f) throws IOException {
        if (f.block == null || f.checksums.isEmpty()) {
            for (Path p : f.checksums.values()) {
                LOG.info("Deleting orphan checksum file {}", p);
                Files.delete(p);
            }
            if (f.block != null) {
                LOG.info("Deleting orphan block file {}", f.block);
                Files.delete(f.block);
            }
            return null;
        }
        while (f.checksums.size() > 1) {
            Path older = f.checksums.pollFirstEntry().getValue();
            LOG.info("Deleting checksum file {} of an older stamp", older);
            Files.delete(older);
        }
        return f.checksums.lastEntry().getValue();
    }

    private static StoredReplica truncateToVerifiedPrefix(Volume v, long blockId, long stamp, Path block,
                                                          Path checksum) throws IOException {
        try (FileChannel b = FileChannel.open(block, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileChannel c = FileChannel.open(checksum, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            if (!ChecksumFile.hasValidHeader(c)) {
                LOG.warn("Volume {}: dropping block {} being written: unreadable checksum header", v, blockId);
                b.close();
                c.close();
                Files.delete(block);
                Files.delete(checksum);
                return null;
            }
            long keep = ChecksumFile.verifiedPrefix(b, c);
            if (keep < b.size()) {
                LOG.info("Volume {}: block {} being written keeps its {} verified bytes of {}", v, blockId, keep,
                        b.size());
            }
            b.truncate(keep);
            c.truncate(ChecksumFile.lengthFor(keep));
            return new StoredReplica(blockId, v, stamp, keep, false);
        }
    }

    private static void keepPreferred(Map<Long, StoredReplica> replicas, StoredReplica candidate) {
        StoredReplica existing = replicas.get(candidate.blockId);
        StoredReplica loser = candidate;
        if (existing == null || PREFERENCE.compare(candidate, existing) > 0) {
            replicas.put(candidate.blockId, candidate);
            loser = existing;
        }
        if (loser != null) {
            LOG.info("Block {}: dropping the duplicate replica with stamp {} on {}", loser.blockId,
                    loser.generationStamp, loser.volume);
            try {
                Files.deleteIfExists(loser.blockFile());
                Files.deleteIfExists(loser.checksumFile());
            } catch (IOException e) {
                LOG.warn("Could not delete duplicate replica files of block {}: {}", loser.blockId, e.toString());
            }
        }
    }
}
