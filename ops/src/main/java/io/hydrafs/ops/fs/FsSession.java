package io.hydrafs.ops.fs;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * One invocation of a {@code hydra fs} verb: the file system it talks to, where it prints, how
 * it names paths, and whether any path failed.
 *
 * <p>Failures follow {@code hdfs dfs}: a failed path prints one line on stderr,
 * {@code "<command>: <path>: <what went wrong>"} (plus the stack trace when verbose), and the verb
 * goes on with its other paths; {@link #exitCode()} is then 1. Text goes to {@code out}, file
 * bytes ({@code cat}, {@code tail}) to {@code data}: both are stdout in the real command, and the
 * session flushes one before writing to the other so they never interleave out of order.
 */
public final class FsSession {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;

    private final HydraFileSystem fs;
    private final String command;
    private final String home;
    private final PrintWriter out;
    private final OutputStream data;
    private final PrintWriter err;
    private final boolean verbose;
    private boolean failed;

    /**
     * @param command the prefix of error lines, e.g. "hydra fs ls"
     * @param user    whose home directory relative paths start from
     */
    public FsSession(HydraFileSystem fs, String command, String user, PrintWriter out, OutputStream data,
                     PrintWriter err, boolean verbose) {
        this.fs = fs;
        this.command = command;
        this.home = FsPaths.home(user);
        this.out = out;
        this.data = data;
        this.err = err;
        this.verbose = verbose;
    }

    public HydraFileSystem fs() {
        return fs;
    }

    /** A user's path as the normalized absolute path it names. */
    public String resolve(String path) throws HydraException {
        return FsPaths.resolve(path, home);
    }

    /** Prints a line of text output. */
    public void println(String line) {
        out.println(line);
    }

    /** Copies file bytes to stdout. */
    void copyToData(InputStream in) throws IOException {
        out.flush();
        in.transferTo(data);
        data.flush();
    }

    /**
     * Runs {@code action} on each path in turn; a failure is reported under that path (or the
     * one a {@link PathFailure} names) and the next path still runs.
     */
    public void forEach(List<String> paths, PathAction action) {
        for (String path : paths) {
            try {
                action.run(path);
            } catch (IOException | RuntimeException e) {
                fail(path, e);
            }
        }
    }

    /** Reports one failed path and remembers that the verb failed. */
    public void fail(String path, Exception e) {
        failed = true;
        Exception cause = e;
        String where = path;
        while (cause instanceof PathFailure p) {  // the innermost path is the one that failed
            where = p.path();
            cause = p.failure();
        }
        out.flush();
        err.println(command + ": " + where + ": " + FsErrors.describe(cause));
        if (verbose) {
            cause.printStackTrace(err);
        }
        err.flush();
    }

    /** Marks the verb failed without a message (as {@code test} answering "no"). */
    public void failQuietly() {
        failed = true;
    }

    public int exitCode() {
        out.flush();
        return failed ? EXIT_FAILED : EXIT_OK;
    }

    /** The entries of a directory, every page. */
    List<FileStatus> list(String dir) throws HydraException {
        return new ArrayList<>(fs.listStatus(dir));
    }

    /** The status, or null if nothing is at {@code path}. */
    FileStatus statusOrNull(String path) throws HydraException {
        try {
            return fs.getFileStatus(path);
        } catch (HydraException e) {
            return switch (e.code()) {
                case FILE_NOT_FOUND, NOT_A_DIRECTORY, PARENT_NOT_DIRECTORY -> null;
                default -> throw e;
            };
        }
    }

    /** One verb's work on one path as the user gave it. */
    @FunctionalInterface
    public interface PathAction {
        void run(String path) throws IOException;
    }
}
