package io.hydrafs.ops.fs;

import java.io.IOException;

/**
 * A failure that belongs to another path than the argument being worked on: the target of a
 * copy, a file deep in a recursive change. {@link FsSession#fail} reports it under that path.
 */
final class PathFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private final String path;

    PathFailure(String path, Exception cause) {
        super(path + ": " + cause.getMessage(), cause);
        this.path = path;
    }

    String path() {
        return path;
    }

    Exception failure() {
        return (Exception) getCause();
    }

    /** Runs {@code action}, attributing any failure to {@code path}. */
    static <T> T at(String path, IoCall<T> action) throws PathFailure {
        try {
            return action.call();
        } catch (PathFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new PathFailure(path, e);
        }
    }

    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }
}
