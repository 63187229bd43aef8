package io.hydrafs.compute.input;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;

import java.io.IOException;
import java.util.List;

/**
 * How a job's input becomes splits and records. The default splits are one per block of
 * every input file ({@link SplitPlanner}); a format adds its own checks of a file through
 * {@link #checkFile} and defines which records of a file a split owns: each record belongs
 * to exactly one split, whatever the block boundaries.
 */
public interface InputFormat<K, V> {

    default List<InputSplit> splits(HydraFileSystem fs, List<String> inputs) throws IOException {
        List<FileStatus> files = InputPaths.expand(fs, inputs);
        for (FileStatus f : files) {
            checkFile(f);
        }
        return SplitPlanner.blockSplits(fs, files);
    }

    /** Refuses a file this format cannot read (HydraException); accepts any by default. */
    default void checkFile(FileStatus file) throws IOException {
    }

    RecordReader<K, V> reader(FileSource source, InputSplit split) throws IOException;
}
