package io.hydrafs.meta.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories a store owns under its root, and the crash-safe swap that replaces the live
 * database with a checkpoint. Plain file operations, no RocksDB.
 *
 * <pre>
 *   root/db           the live database
 *   root/db.incoming  a checkpoint being copied in by a restore
 *   root/db.retired   the previous live database, being deleted after a restore
 * </pre>
 *
 * <p>Swap protocol: (1) build {@code db.incoming} completely and fsync it; (2) rename
 * {@code db -> db.retired}; (3) rename {@code db.incoming -> db}; (4) fsync root; (5) delete
 * {@code db.retired}. Step 2 happens only after step 1 is durable, so whenever {@code db} is
 * missing but {@code db.retired} exists, {@code db.incoming} is complete. {@link #recover()}
 * relies on exactly that:
 * <ul>
 *   <li>{@code db} exists: any {@code db.incoming} is an unfinished copy and any
 *       {@code db.retired} a finished swap; both are deleted.</li>
 *   <li>{@code db} missing, {@code db.retired} and {@code db.incoming} present: crash between
 *       steps 2 and 3; step 3 is redone.</li>
 *   <li>{@code db} missing, only {@code db.retired}: cannot happen by the protocol; it is moved
 *       back rather than silently starting empty.</li>
 * </ul>
 */
public final class StoreDirectories {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDirectories.class);

    private final Path root;
    private final Path live;
    private final Path incoming;
    private final Path retired;

    StoreDirectories(Path root) {
        this.root = root;
        this.live = root.resolve("db");
        this.incoming = root.resolve("db.incoming");
        this.retired = root.resolve("db.retired");
    }

    Path live() {
        return live;
    }

    /** Creates the root if absent and finishes or undoes a swap interrupted by a crash. */
    void recover() {
        try {
            Files.createDirectories(root);
            if (Files.exists(live)) {
                if (Files.exists(incoming)) {
                    LOG.warn("discarding an unfinished restore copy at {}", incoming);
                    deleteRecursively(incoming);
                }
                deleteRecursively(retired);
            } else if (Files.exists(retired) && Files.exists(incoming)) {
                LOG.warn("finishing a restore interrupted by a crash in {}", root);
                Files.move(incoming, live, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(root);
                deleteRecursively(retired);
            } else if (Files.exists(retired)) {
                LOG.error("{} is missing but {} exists: moving it back", live, retired);
                Files.move(retired, live, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(root);
            } else {
                deleteRecursively(incoming);
            }
        } catch (IOException e) {
            throw new MetaStoreException("cannot prepare store directory " + root, e);
        }
    }

    /**
     * Copies a RocksDB checkpoint (a flat directory) into {@code db.incoming} and makes it
     * durable. SST files are immutable, so they are hard-linked when the checkpoint is on the
     * same file system; every other file (MANIFEST, CURRENT, OPTIONS, WAL) is copied because
     * the reopened database may rewrite it, and the checkpoint must stay intact (Raft may
     * still serve it to other followers).
     */
    void stage(Path checkpointDir) {
        if (!Files.isRegularFile(checkpointDir.resolve("CURRENT"))) {
            throw new MetaStoreException(checkpointDir + " is not a RocksDB checkpoint (no CURRENT file)");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(checkpointDir)) {
            files = listing.toList();
        } catch (IOException e) {
            throw new MetaStoreException("cannot list checkpoint " + checkpointDir, e);
        }
        for (Path source : files) {
            if (!Files.isRegularFile(source)) {
                throw new MetaStoreException("unexpected non-file " + source + " in checkpoint");
            }
        }
        try {
            deleteRecursively(incoming);
            Files.createDirectories(incoming);
            for (Path source : files) {
                Path target = incoming.resolve(source.getFileName());
                if (source.getFileName().toString().endsWith(".sst")) {
                    linkOrCopy(source, target);
                } else {
                    Files.copy(source, target);
                }
                fsyncFile(target);
            }
            fsyncDirectory(incoming);
            fsyncDirectory(root);
        } catch (IOException e) {
            discardStaged();
            throw new MetaStoreException("cannot copy checkpoint " + checkpointDir + " into " + incoming, e);
        }
    }

    /** Steps 2-5 of the swap. The live database must be closed. */
    void swapInStaged() {
        try {
            Files.move(live, retired, StandardCopyOption.ATOMIC_MOVE);
            Files.move(incoming, live, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(root);
            deleteRecursively(retired);
        } catch (IOException e) {
            throw new MetaStoreException("cannot swap the restored database into " + live, e);
        }
    }

    void discardStaged() {
        try {
            deleteRecursively(incoming);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", incoming, e);
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException e) {
            // another file system, or links not supported: a copy is slower but equivalent
            Files.copy(source, target);
        }
    }

    private static void fsyncFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Makes renames and new entries in a directory durable. Linux supports this; a platform
     * that cannot open directories only gets a warning, as the rename itself already happened.
     */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.warn("cannot fsync directory {}", dir, e);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
