package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The blockstore's stable id, kept in {@code blockstore.id} in every data directory so that any
 * surviving directory carries it across restarts. Resolution: a configured id wins (and is written
 * everywhere); otherwise the id found in the directories, which must all agree (directories of
 * two blockstores mixed up is an operator error that must not silently merge two identities);
 * otherwise a new {@code bs-<16 hex digits>} id. A volume whose file cannot be written is marked
 * failed.
 */
final class BlockstoreIdFile {
    static final String FILE_NAME = "blockstore.id";
    private static final Logger LOG = LoggerFactory.getLogger(BlockstoreIdFile.class);

    private BlockstoreIdFile() {
    }

    /** @param configuredId the {@code hydra.blockstore.id} setting; null or blank when unset */
    static String resolve(List<Volume> volumes, String configuredId) throws HydraException {
        Map<Path, String> stored = new LinkedHashMap<>();
        for (Volume v : volumes) {
            if (v.failed()) {
                continue;
            }
            Path file = v.dir().resolve(FILE_NAME);
            try {
                if (Files.exists(file)) {
                    stored.put(v.dir(), Files.readString(file, StandardCharsets.UTF_8).trim());
                }
            } catch (IOException e) {
                v.markFailed("cannot read " + file + ": " + e);
            }
        }
        String id;
        if (configuredId != null && !configuredId.isBlank()) {
            id = configuredId.trim();
            stored.forEach((dir, old) -> {
                if (!old.equals(id)) {
                    LOG.warn("Data directory {} held blockstore id {}; the configured id {} replaces it", dir, old, id);
                }
            });
        } else if (!stored.isEmpty()) {
            if (stored.values().stream().distinct().count() > 1) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "the data directories belong to different"
                        + " blockstores (" + stored + "); fix the list of data directories or set hydra.blockstore.id");
            }
            id = stored.values().iterator().next();
        } else {
            id = "bs-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            LOG.info("New blockstore id {}", id);
        }
        for (Volume v : volumes) {
            if (!v.failed() && !id.equals(stored.get(v.dir()))) {
                write(v, id);
            }
        }
        return id;
    }

    private static void write(Volume v, String id) {
        Path tmp = v.tmpDir().resolve(FILE_NAME + ".new");
        try {
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, v.dir().resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            v.markFailed("cannot write " + FILE_NAME + ": " + e);
        }
    }
}
