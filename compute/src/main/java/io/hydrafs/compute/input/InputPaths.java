package io.hydrafs.compute.input;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves a job's input paths to files. A directory stands for the files directly in it,
 * except names starting with {@code _} or {@code .} (markers such as {@code _SUCCESS} and
 * hidden files, as Hadoop skips them), so one job's output directory is the next one's input.
 * Subdirectories are not descended into. A missing path is FILE_NOT_FOUND naming it.
 */
public final class InputPaths {
    private InputPaths() {
    }

    public static List<FileStatus> expand(HydraFileSystem fs, List<String> inputs) throws HydraException {
        if (inputs.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "the job has no input path");
        }
        List<FileStatus> files = new ArrayList<>();
        for (String input : inputs) {
            FileStatus status;
            try {
                status = fs.getFileStatus(input);
            } catch (HydraException e) {
                if (e.code() == ErrorCode.FILE_NOT_FOUND) {
                    throw new HydraException(ErrorCode.FILE_NOT_FOUND, "input path " + input + " does not exist", e);
                }
                throw e;
            }
            if (status.isFile()) {
                files.add(status);
                continue;
            }
            fs.listStatus(input).stream()
                    .filter(FileStatus::isFile)
                    .filter(f -> !isHidden(f.name()))
                    .sorted(Comparator.comparing(FileStatus::path))
                    .forEach(files::add);
        }
        return files;
    }

    public static boolean isHidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }
}
