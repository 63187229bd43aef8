package io.hydrafs.ops.fs;

import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The wording of the shell's failures, after the path: HDFS's and POSIX's phrases ("No such file
 * or directory", "File exists", ...) for the namespace errors a user meets every day, and the
 * error code with the server's detail for the rest (a cluster that cannot be reached, a block
 * with no replica left), so nothing is hidden behind a vague phrase.
 */
public final class FsErrors {
    public static final String NOT_FOUND = "No such file or directory";
    public static final String EXISTS = "File exists";
    public static final String IS_A_DIRECTORY = "Is a directory";
    public static final String NOT_A_DIRECTORY = "Not a directory";
    public static final String NOT_EMPTY = "Directory is not empty";

    private FsErrors() {
    }

    /** What went wrong, in one line, without the path. */
    public static String describe(Exception e) {
        String text = e instanceof HydraException h ? describe(h) : describeLocal(e);
        return text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String describe(HydraException e) {
        return switch (e.code()) {
            case FILE_NOT_FOUND -> NOT_FOUND;
            case FILE_ALREADY_EXISTS -> EXISTS;
            case IS_A_DIRECTORY -> IS_A_DIRECTORY;
            case NOT_A_DIRECTORY, PARENT_NOT_DIRECTORY -> NOT_A_DIRECTORY;
            case DIRECTORY_NOT_EMPTY -> NOT_EMPTY;
            case PERMISSION_DENIED -> "Permission denied (" + e.detail() + ")";
            case RENAME_INTO_SUBTREE -> "Cannot move a directory into itself";
            case CANNOT_DELETE_ROOT -> "Cannot delete the root directory";
            case ALREADY_BEING_CREATED -> "File is open for writing by another client (" + e.detail() + ")";
            case INVALID_PATH, NAME_TOO_LONG, PATH_TOO_DEEP, INVALID_ARGUMENT -> "Invalid argument (" + e.detail() + ")";
            case XATTR_NOT_FOUND -> "No such attribute (" + e.detail() + ")";
            case XATTR_ALREADY_EXISTS -> "Attribute exists (" + e.detail() + ")";
            case NAMESPACE_QUOTA_EXCEEDED, SPACE_QUOTA_EXCEEDED -> "Quota exceeded (" + e.detail() + ")";
            default -> e.getMessage();  // CODE: detail
        };
    }

    private static String describeLocal(Exception e) {
        if (e instanceof NoSuchFileException) {
            return NOT_FOUND;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EXISTS;
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return NOT_EMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return NOT_A_DIRECTORY;
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getName() : e.toString();
    }
}
