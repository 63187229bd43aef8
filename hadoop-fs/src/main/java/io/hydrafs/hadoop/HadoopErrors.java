package io.hydrafs.hadoop;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.apache.hadoop.fs.ClusterStorageCapacityExceededException;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.ParentNotDirectoryException;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.security.AccessControlException;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * HydraFS error codes as the exceptions Hadoop code catches: {@code FileNotFoundException} for a
 * missing path, {@code FileAlreadyExistsException}, {@code AccessControlException} and so on, as
 * HDFS's client throws them. The original error is the cause; codes without a Hadoop counterpart
 * stay a {@link HydraException}, itself an {@link IOException}.
 */
final class HadoopErrors {
    private HadoopErrors() {
    }

    /** An SDK call, which fails with a {@link HydraException}. */
    @FunctionalInterface
    interface SdkCall<T> {
        T run() throws HydraException;
    }

    /** An SDK call that answers nothing. */
    @FunctionalInterface
    interface SdkAction {
        void run() throws HydraException;
    }

    /** Runs the call, its error translated. */
    static <T> T translating(SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (HydraException e) {
            throw translate(e);
        }
    }

    static void translating(SdkAction action) throws IOException {
        try {
            action.run();
        } catch (HydraException e) {
            throw translate(e);
        }
    }

    /**
     * Like {@link #translating(SdkCall)} for calls that look a path up (open, getFileStatus,
     * listStatus...): a path below a file, or a directory where a file is needed, does not
     * exist as asked, and HDFS answers FileNotFoundException for both.
     */
    static <T> T lookingUp(SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (HydraException e) {
            if (e.code() == ErrorCode.PARENT_NOT_DIRECTORY || e.code() == ErrorCode.IS_A_DIRECTORY) {
                throw (IOException) new FileNotFoundException(e.getMessage()).initCause(e);
            }
            throw translate(e);
        }
    }

    static void lookingUp(SdkAction action) throws IOException {
        lookingUp(() -> {
            action.run();
            return null;
        });
    }

    static IOException translate(HydraException e) {
        IOException translated = switch (e.code()) {
            case FILE_NOT_FOUND -> new FileNotFoundException(e.getMessage());
            case FILE_ALREADY_EXISTS, ALREADY_BEING_CREATED -> new FileAlreadyExistsException(e.getMessage());
            case PARENT_NOT_DIRECTORY -> new ParentNotDirectoryException(e.getMessage());
            case DIRECTORY_NOT_EMPTY -> new PathIsNotEmptyDirectoryException(e.getMessage());
            case PERMISSION_DENIED -> new AccessControlException(e.getMessage());
            case NAMESPACE_QUOTA_EXCEEDED, SPACE_QUOTA_EXCEEDED -> new ClusterStorageCapacityExceededException(e.getMessage());
            default -> null;
        };
        if (translated == null) {
            return e;
        }
        translated.initCause(e);
        return translated;
    }

    /** {@code path} if a file is there, else FileNotFoundException worded as HDFS's lease and truncate calls word it. */
    static String existingFile(HydraFileSystem fs, String path) throws IOException {
        io.hydrafs.client.FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (HydraException e) {
            if (e.code() == ErrorCode.FILE_NOT_FOUND || e.code() == ErrorCode.PARENT_NOT_DIRECTORY) {
                throw (IOException) new FileNotFoundException("File does not exist: " + path).initCause(e);
            }
            throw translate(e);
        }
        if (status.isDirectory()) {
            throw new FileNotFoundException("Path is not a file: " + path);
        }
        return path;
    }
}
