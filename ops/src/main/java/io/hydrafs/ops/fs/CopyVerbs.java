package io.hydrafs.ops.fs;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraInputStream;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code put}, {@code get} and {@code cp}: bytes into, out of and within HydraFS, directories
 * copied with everything below them.
 *
 * <p>Targets follow {@code hdfs dfs}: a destination that is an existing directory receives each
 * source under its own name, otherwise it is the target itself; several sources need an existing
 * directory. An existing target file is replaced only with {@code force}; a directory copied onto
 * an existing directory merges into it. The parent of a target must exist.
 *
 * <p>A file is written under "TARGET._COPYING_" and renamed to TARGET once complete, as HDFS
 * does, so a failed or interrupted copy never leaves a truncated file under the target's name;
 * the partial file is deleted on failure.
 */
public final class CopyVerbs {
    static final String COPYING_SUFFIX = "._COPYING_";
    private static final CreateOptions TEMPORARY = CreateOptions.builder().overwrite(true).createParent(false).build();

    private final FsSession session;

    public CopyVerbs(FsSession session) {
        this.session = session;
    }

    /** Local files or directories to HydraFS. */
    public void put(List<String> locals, String dst, boolean force) {
        String into = hydraDirectoryTarget(locals.size(), dst);
        if (into == null) {
            return;
        }
        session.forEach(locals, local -> {
            Path source = Path.of(local);
            if (!Files.exists(source)) {
                throw new NoSuchFileException(local);
            }
            String name = source.toAbsolutePath().normalize().getFileName().toString();
            putTree(source, into.isEmpty() ? session.resolve(dst) : FsPaths.child(into, name), force);
        });
    }

    private void putTree(Path source, String target, boolean force) throws IOException {
        if (!Files.isDirectory(source)) {
            try (InputStream in = Files.newInputStream(source)) {
                writeHydraFile(in, target, force);
            }
            return;
        }
        makeHydraDirectory(target);
        List<Path> children;
        try (Stream<Path> listed = Files.list(source)) {
            children = listed.sorted().toList();
        }
        for (Path child : children) {
            try {
                putTree(child, FsPaths.child(target, child.getFileName().toString()), force);
            } catch (IOException | RuntimeException e) {
                session.fail(child.toString(), e);
            }
        }
    }

    /** HydraFS files or directories to HydraFS, streaming the bytes through this client. */
    public void cp(List<String> sources, String dst, boolean force) {
        String into = hydraDirectoryTarget(sources.size(), dst);
        if (into == null) {
            return;
        }
        session.forEach(sources, src -> {
            FileStatus source = session.fs().getFileStatus(session.resolve(src));
            String target = into.isEmpty() ? session.resolve(dst) : FsPaths.child(into, source.name());
            if (source.isDirectory() && FsPaths.isWithin(target, source.path())) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "cannot copy " + source.path() + " into itself ("
                        + target + ")");
            }
            copyTree(source, target, force);
        });
    }

    private void copyTree(FileStatus source, String target, boolean force) throws IOException {
        if (source.isFile()) {
            try (HydraInputStream in = session.fs().open(source.path())) {
                writeHydraFile(in, target, force);
            }
            return;
        }
        makeHydraDirectory(target);
        for (FileStatus child : session.list(source.path())) {
            try {
                copyTree(child, FsPaths.child(target, child.name()), force);
            } catch (IOException | RuntimeException e) {
                session.fail(child.path(), e);
            }
        }
    }

    /** HydraFS files or directories to the local file system. */
    public void get(List<String> sources, String localDst, boolean force) {
        Path dst = Path.of(localDst);
        boolean into = Files.isDirectory(dst);
        if (sources.size() > 1 && !into) {
            session.fail(localDst, Files.exists(dst) ? new HydraException(ErrorCode.NOT_A_DIRECTORY, localDst)
                    : new NoSuchFileException(localDst));
            return;
        }
        session.forEach(sources, src -> {
            FileStatus source = session.fs().getFileStatus(session.resolve(src));
            getTree(source, into ? dst.resolve(source.name().isEmpty() ? "root" : source.name()) : dst, force);
        });
    }

    private void getTree(FileStatus source, Path target, boolean force) throws IOException {
        if (source.isFile()) {
            PathFailure.at(target.toString(), () -> {
                writeLocalFile(source, target, force);
                return null;
            });
            return;
        }
        PathFailure.at(target.toString(), () -> Files.createDirectories(target));
        for (FileStatus child : session.list(source.path())) {
            try {
                getTree(child, target.resolve(child.name()), force);
            } catch (IOException | RuntimeException e) {
                session.fail(child.path(), e);
            }
        }
    }

    private void writeLocalFile(FileStatus source, Path target, boolean force) throws IOException {
        if (Files.isDirectory(target)) {
            throw new HydraException(ErrorCode.IS_A_DIRECTORY, target + " is a directory");
        }
        if (Files.exists(target) && !force) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temporary = target.resolveSibling(target.getFileName() + COPYING_SUFFIX);
        try {
            try (HydraInputStream in = session.fs().open(source.path());
                 OutputStream out = Files.newOutputStream(temporary)) {
                in.transferTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Checks the destination of several sources. Returns the directory the sources go into,
     * "" when the destination itself is the one target, or null after reporting a destination
     * that cannot take the sources.
     */
    private String hydraDirectoryTarget(int sources, String dst) {
        try {
            String dstPath = session.resolve(dst);
            FileStatus status = session.statusOrNull(dstPath);
            if (status != null && status.isDirectory()) {
                return dstPath;
            }
            if (sources > 1) {
                throw status == null ? new HydraException(ErrorCode.FILE_NOT_FOUND, dstPath + " does not exist")
                        : new HydraException(ErrorCode.NOT_A_DIRECTORY, "several sources need a directory");
            }
            return "";
        } catch (HydraException e) {
            session.fail(dst, e);
            return null;
        }
    }

    private void makeHydraDirectory(String target) throws IOException {
        PathFailure.at(target, () -> {
            FileStatus existing = session.statusOrNull(target);
            if (existing != null && existing.isFile()) {
                throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, target + " is a file");
            }
            return session.fs().mkdirs(target);
        });
    }

    private void writeHydraFile(InputStream in, String target, boolean force) throws IOException {
        PathFailure.at(target, () -> {
            FileStatus existing = session.statusOrNull(target);
            if (existing != null && existing.isDirectory()) {
                throw new HydraException(ErrorCode.IS_A_DIRECTORY, target + " is a directory");
            }
            if (existing != null && !force) {
                throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, target + " exists (-f replaces it)");
            }
            String temporary = target + COPYING_SUFFIX;
            try {
                try (HydraOutputStream out = session.fs().create(temporary, TEMPORARY)) {
                    in.transferTo(out);
                }
                if (existing != null) {
                    session.fs().delete(target, false);
                }
                session.fs().rename(temporary, target);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(temporary);
                throw e;
            }
            return null;
        });
    }

    private void deleteQuietly(String path) {
        try {
            session.fs().delete(path, false);
        } catch (HydraException ignored) {
            // the copy's own failure is what the user needs to see; the temporary file's name says what it is
        }
    }

    /**
     * Appends the local files, in order ({@code -} is {@code stdin}), to {@code dst}, creating it
     * when missing, as {@code hdfs dfs -appendToFile}. Every local file must exist before
     * {@code dst} is touched.
     */
    public void appendToFile(List<String> locals, String dst, InputStream stdin) {
        session.forEach(List.of(dst), path -> {
            for (String local : locals) {
                if (!local.equals("-") && !Files.isRegularFile(Path.of(local))) {
                    throw new NoSuchFileException(local);
                }
            }
            String target = session.resolve(path);
            try (HydraOutputStream out = session.statusOrNull(target) == null
                    ? session.fs().create(target) : session.fs().append(target)) {
                for (String local : locals) {
                    if (local.equals("-")) {
                        stdin.transferTo(out);
                    } else {
                        try (InputStream in = Files.newInputStream(Path.of(local))) {
                            in.transferTo(out);
                        }
                    }
                }
            }
        });
    }

    /**
     * {@code hdfs dfs -getmerge}: the files of each source (a directory's own files, in name
     * order, not those below) one after another into one local file, replaced if there; with
     * {@code newline}, a line break after each file.
     */
    public void getmerge(List<String> sources, String localDst, boolean newline) {
        session.forEach(List.of(localDst), local -> {
            List<FileStatus> files = new java.util.ArrayList<>();
            for (String src : sources) {
                FileStatus s = PathFailure.at(src, () -> session.fs().getFileStatus(session.resolve(src)));
                files.addAll(s.isDirectory() ? session.list(s.path()).stream().filter(FileStatus::isFile).toList()
                        : List.of(s));
            }
            try (OutputStream out = Files.newOutputStream(Path.of(local))) {
                for (FileStatus f : files) {
                    try (HydraInputStream in = session.fs().open(f.path())) {
                        in.transferTo(out);
                    }
                    if (newline) {
                        out.write('\n');
                    }
                }
            }
        });
    }
}
