package io.hydrafs.ops.quickstart;

import io.hydrafs.client.ContentSummary;
import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.Permissions;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small namespace written and read back through the client SDK: three directories of N
 * empty files (100 by default; created by {@value #THREADS} threads, as an application would,
 * so that the meta leader packs concurrent calls into shared log entries), renames of files
 * and of a whole directory, permission changes. Then every name, type and permission is read
 * back and compared with what was written; a difference is a problem, and any problem fails
 * the quickstart.
 *
 * <p>Files are empty (create + close makes a complete, empty file): this tour is about names,
 * and {@link FileSetTour} is the one that writes bytes.
 */
final class NamespaceTour {
    static final String BASE = "/quickstart/tour";
    static final List<String> DIRS = List.of("alpha", "beta", "gamma");
    static final int DEFAULT_FILES_PER_DIR = 100;
    static final int RENAMED_PER_DIR = 10;
    static final int THREADS = 8;
    private static final String MOVED_DIR = "gamma-archive";
    private static final CreateOptions NO_OVERWRITE = CreateOptions.builder().overwrite(false).build();

    private final HydraFileSystem fs;
    private final PrintWriter out;
    private final int filesPerDir;
    private final List<String> problems = new ArrayList<>();

    /** {@code filesPerDir} at least {@link #RENAMED_PER_DIR} + 1 (file 50, or the last, gets chmod 600). */
    NamespaceTour(HydraFileSystem fs, PrintWriter out, int filesPerDir) {
        Invariants.check(filesPerDir > RENAMED_PER_DIR, "the tour needs more than %d files per directory, got %d",
                RENAMED_PER_DIR, filesPerDir);
        this.fs = fs;
        this.out = out;
        this.filesPerDir = filesPerDir;
    }

    /** Writes, reads back and checks; returns the problems found (empty = every check passed). */
    List<String> run() throws HydraException, InterruptedException {
        fs.delete(BASE, true);   // a leftover of a run on a kept cluster; false if absent
        long t0 = System.nanoTime();
        createFiles();
        say(String.format(Locale.ROOT, "created %d directories of %d empty files each in %.1f s (create + close per file)",
                DIRS.size(), filesPerDir, (System.nanoTime() - t0) / 1e9));
        for (String dir : DIRS) {
            for (int i = 0; i < RENAMED_PER_DIR; i++) {
                fs.rename(BASE + "/" + dir + "/" + fileName(i), BASE + "/" + dir + "/" + doneName(i));
            }
        }
        fs.rename(BASE + "/gamma", BASE + "/" + MOVED_DIR);
        fs.setPermission(BASE + "/alpha", 0700);
        fs.setPermission(BASE + "/beta/" + chmodFile(), 0600);
        say("renamed " + RENAMED_PER_DIR * DIRS.size() + " files (file-00x -> done-00x) and the directory gamma -> "
                + MOVED_DIR + "; chmod 700 alpha, chmod 600 beta/" + chmodFile());
        check();
        if (problems.isEmpty()) {
            ContentSummary summary = fs.getContentSummary(BASE);
            say("read back " + BASE + ": " + (summary.directoryCount() - 1) + " directories, " + summary.fileCount()
                    + " files, every name, type and permission as written");
            say("  " + lsLine(fs.getFileStatus(BASE + "/alpha")) + " (" + filesPerDir + " entries)");
            for (FileStatus s : fs.listStatus(BASE + "/alpha", "", 2).entries()) {
                say("  " + lsLine(s));
            }
        }
        return problems;
    }

    private void createFiles() throws HydraException, InterruptedException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (String dir : DIRS) {
            fs.mkdirs(BASE + "/" + dir);
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < filesPerDir; i++) {
                        fs.create(BASE + "/" + dir + "/" + fileName(i), NO_OVERWRITE).close();
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "quickstart-tour-" + dir);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            Exception e = failure.get();
            throw e instanceof HydraException h ? h : new HydraException(ErrorCode.INTERNAL, "creating files failed: " + e, e);
        }
    }

    private void check() throws HydraException {
        List<String> top = fs.listStatus(BASE).stream().map(FileStatus::name).toList();
        expect(top.equals(List.of("alpha", "beta", MOVED_DIR)), BASE + " lists " + top);
        for (String dir : List.of("alpha", "beta", MOVED_DIR)) {
            List<FileStatus> entries = fs.listStatus(BASE + "/" + dir);
            expect(entries.size() == filesPerDir, dir + " has " + entries.size() + " entries, not " + filesPerDir);
            List<String> names = entries.stream().map(FileStatus::name).toList();
            for (int i = 0; i < filesPerDir; i++) {
                String expected = i < RENAMED_PER_DIR ? doneName(i) : fileName(i);
                expect(names.contains(expected), dir + "/" + expected + " is missing");
            }
            expect(entries.stream().allMatch(s -> s.isFile() && s.length() == 0 && !s.underConstruction()),
                    dir + " holds something other than closed empty files");
        }
        expect(!fs.exists(BASE + "/gamma"), "gamma still exists after its rename");
        expectPermission(BASE + "/alpha", 0700);
        expectPermission(BASE + "/beta/" + chmodFile(), 0600);
        ContentSummary summary = fs.getContentSummary(BASE);
        expect(summary.fileCount() == (long) filesPerDir * DIRS.size(), "content summary counts "
                + summary.fileCount() + " files");
    }

    private void expectPermission(String path, int bits) throws HydraException {
        int actual = fs.getFileStatus(path).permission();
        expect(actual == bits, path + " has permission " + Permissions.format(actual) + ", not " + Permissions.format(bits));
    }

    private void expect(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
            say("PROBLEM: " + problem);
        }
    }

    private void say(String line) {
        out.println("      " + line);
        out.flush();
    }

    /** As ls -l shows an entry: type and permission, owner, group, length, path. */
    private static String lsLine(FileStatus s) {
        return (s.isDirectory() ? "d" : "-") + s.permissionString() + "  " + s.owner() + " " + s.group() + "  "
                + s.length() + "  " + s.path();
    }

    private String chmodFile() {
        return fileName(Math.min(50, filesPerDir - 1));
    }

    static String fileName(int i) {
        return String.format(Locale.ROOT, "file-%03d", i);
    }

    static String doneName(int i) {
        return String.format(Locale.ROOT, "done-%03d", i);
    }
}
