package io.hydrafs.ops.cli;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The pid file of a node run in the foreground ({@code --pid-file}): written once the node
 * serves, removed when it stops cleanly. A file naming a process that still runs means the node
 * is already running there, and the start is refused; a stale one (its process is gone, e.g.
 * after a crash) is replaced.
 */
final class PidFile implements AutoCloseable {
    private final Path file;

    private PidFile(Path file) {
        this.file = file;
    }

    static PidFile write(Path file) throws HydraException {
        Optional<Long> existing = read(file);
        if (existing.isPresent() && existing.get() != ProcessHandle.current().pid()
                && ProcessHandle.of(existing.get()).map(ProcessHandle::isAlive).orElse(false)) {
            throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, "pid file " + file + " names process "
                    + existing.get() + ", which is running: is this node already started?");
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot write pid file " + file + ": " + e.getMessage(), e);
        }
        return new PidFile(file);
    }

    private static Optional<Long> read(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a pid file left behind is replaced at the next start: it names a process that is gone
        }
    }
}
