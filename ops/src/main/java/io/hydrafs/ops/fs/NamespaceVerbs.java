package io.hydrafs.ops.fs;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.List;

/** {@code mkdir}, {@code rm}, {@code mv} and {@code concat}: the verbs that change the tree itself. */
public final class NamespaceVerbs {
    private final FsSession session;

    public NamespaceVerbs(FsSession session) {
        this.session = session;
    }

    /**
     * Makes each directory. Without {@code parents}, as {@code hdfs dfs -mkdir}: the parent must
     * exist and the path must not ("File exists", even for a directory). With it, missing
     * parents are made and an existing directory is fine.
     */
    public void mkdir(List<String> paths, boolean parents) {
        session.forEach(paths, path -> {
            String dir = session.resolve(path);
            if (!parents) {
                if (session.statusOrNull(dir) != null) {
                    throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, dir + " exists");
                }
                String parent = dir.substring(0, Math.max(1, dir.lastIndexOf('/')));
                FileStatus parentStatus = session.statusOrNull(parent);
                if (parentStatus == null) {
                    throw new HydraException(ErrorCode.FILE_NOT_FOUND, "parent " + parent + " does not exist");
                }
                if (!parentStatus.isDirectory()) {
                    throw new HydraException(ErrorCode.PARENT_NOT_DIRECTORY, "parent " + parent + " is a file");
                }
            }
            session.fs().mkdirs(dir);
        });
    }

    /**
     * Deletes each path and prints "Deleted PATH" (there is no trash). A directory needs
     * {@code recursive} ("Is a directory" otherwise, even when empty, as HDFS). With
     * {@code force} a missing path is not an error.
     */
    public void rm(List<String> paths, boolean recursive, boolean force) {
        session.forEach(paths, path -> {
            String target = session.resolve(path);
            FileStatus status = session.statusOrNull(target);
            if (status == null) {
                if (force) {
                    return;
                }
                throw new HydraException(ErrorCode.FILE_NOT_FOUND, target + " does not exist");
            }
            if (status.isDirectory() && !recursive) {
                throw new HydraException(ErrorCode.IS_A_DIRECTORY, target + " is a directory: rm -r deletes it");
            }
            if (session.fs().delete(target, recursive)) {
                session.println("Deleted " + target);
            } else if (!force) {  // gone between the status and the delete
                throw new HydraException(ErrorCode.FILE_NOT_FOUND, target + " does not exist");
            }
        });
    }

    /**
     * Creates each path as an empty file, and its missing parents, as {@code hdfs dfs -touchz}. An
     * empty file already there is left as it is; a file with bytes is "Not a zero-length file".
     */
    public void touchz(List<String> paths) {
        session.forEach(paths, path -> {
            String target = session.resolve(path);
            FileStatus status = session.statusOrNull(target);
            if (status != null) {
                if (status.isDirectory()) {
                    throw new HydraException(ErrorCode.IS_A_DIRECTORY, target + " is a directory");
                }
                if (status.length() != 0) {
                    throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, "Not a zero-length file: " + target);
                }
                return;
            }
            session.fs().create(target, CreateOptions.builder().createParent(true).build()).close();
        });
    }

    /**
     * Deletes each empty directory, as {@code hdfs dfs -rmdir}: a file is "Not a directory", a
     * directory with entries "Directory is not empty" unless {@code ignoreNonEmpty}.
     */
    public void rmdir(List<String> paths, boolean ignoreNonEmpty) {
        session.forEach(paths, path -> {
            String target = session.resolve(path);
            FileStatus status = session.fs().getFileStatus(target);
            if (!status.isDirectory()) {
                throw new HydraException(ErrorCode.NOT_A_DIRECTORY, target + " is not a directory");
            }
            if (status.childCount() > 0) {
                if (ignoreNonEmpty) {
                    return;
                }
                throw new HydraException(ErrorCode.DIRECTORY_NOT_EMPTY, target + " is not empty");
            }
            session.fs().delete(target, false);
        });
    }

    /**
     * Moves each source to {@code dst}, or into it when it is a directory. Several sources need
     * an existing directory. A target that exists is "File exists" (nothing is replaced).
     */
    public void mv(List<String> sources, String dst) {
        String dstPath;
        FileStatus dstStatus;
        try {
            dstPath = session.resolve(dst);
            dstStatus = session.statusOrNull(dstPath);
            if (sources.size() > 1 && (dstStatus == null || !dstStatus.isDirectory())) {
                throw dstStatus == null ? new HydraException(ErrorCode.FILE_NOT_FOUND, dstPath + " does not exist")
                        : new HydraException(ErrorCode.NOT_A_DIRECTORY, "several sources need a directory");
            }
        } catch (HydraException e) {
            session.fail(dst, e);
            return;
        }
        boolean into = dstStatus != null && dstStatus.isDirectory();
        session.forEach(sources, src -> {
            String srcPath = session.resolve(src);
            session.fs().getFileStatus(srcPath);  // a missing source is its own error, not the target's
            String target = into ? FsPaths.child(dstPath, FsPaths.name(srcPath)) : dstPath;
            try {
                session.fs().rename(srcPath, dstPath);
            } catch (HydraException e) {
                throw e.code() == ErrorCode.FILE_ALREADY_EXISTS ? new PathFailure(target, e) : e;
            }
        });
    }

    /**
     * Joins {@code sources}, in order, onto the end of {@code target} and deletes them, as
     * {@code hdfs dfs -concat}: all in one directory, closed, each source with data. One call:
     * a refusal leaves every file as it was.
     */
    public void concat(String target, List<String> sources) {
        try {
            List<String> srcPaths = new ArrayList<>(sources.size());
            for (String src : sources) {
                srcPaths.add(session.resolve(src));
            }
            session.fs().concat(session.resolve(target), srcPaths);
        } catch (HydraException e) {
            session.fail(target, e);
        }
    }
}
