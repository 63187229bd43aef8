package io.hydrafs.compute.input;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.LocatedBlockProto;

import java.util.ArrayList;
import java.util.List;

/**
 * One split per block of each file, carrying the block's replica locations, so a scheduler
 * can place the map where the bytes are. Empty files give no split. A file whose blocks the
 * meta service does not list (e.g. still being written) is one split without hosts.
 */
public final class SplitPlanner {
    private SplitPlanner() {
    }

    public static List<InputSplit> blockSplits(HydraFileSystem fs, List<FileStatus> files) throws HydraException {
        List<InputSplit> splits = new ArrayList<>();
        for (FileStatus f : files) {
            if (f.length() == 0) {
                continue;
            }
            long covered = 0;
            boolean progressed = true;
            // the answer may hold only a prefix of the blocks: ask again from where it stopped
            while (covered < f.length() && progressed) {
                progressed = false;
                List<LocatedBlockProto> blocks = fs.meta()
                        .getBlockLocations(f.path(), covered, f.length() - covered).getBlocksList();
                for (LocatedBlockProto b : blocks) {
                    long start = b.getOffset();
                    long end = Math.min(f.length(), start + b.getBlock().getNumBytes());
                    if (end > start && start == covered) {
                        splits.add(new InputSplit(f.path(), start, end - start, b.getTargetsList()));
                        covered = end;
                        progressed = true;
                    }
                }
            }
            if (covered < f.length()) {
                splits.add(new InputSplit(f.path(), covered, f.length() - covered, List.of()));
            }
        }
        return splits;
    }
}
