package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Picks the volume of a new replica: the one with the most free space above its reserve, among
 * those that are not failed and have room for the bytes the replica needs. Pure: free space comes
 * from the function given, so the choice is testable without disks.
 */
final class VolumeChooser {
    private VolumeChooser() {
    }

    /**
     * @throws HydraException DISK_FAILED when every volume failed, DISK_FULL when the working ones
     *                        all lack {@code bytesNeeded} free bytes above their reserve
     */
    static Volume choose(List<Volume> volumes, long bytesNeeded, ToLongFunction<Volume> freeBytes)
            throws HydraException {
        Volume best = null;
        long bestFree = -1;
        boolean anyWorking = false;
        for (Volume v : volumes) {
            if (v.failed()) {
                continue;
            }
            anyWorking = true;
            long free = freeBytes.applyAsLong(v);
            if (free >= bytesNeeded && free > bestFree) {
                best = v;
                bestFree = free;
            }
        }
        if (best != null) {
            return best;
        }
        if (!anyWorking) {
            throw new HydraException(ErrorCode.DISK_FAILED, "every data directory of this blockstore failed");
        }
        throw new HydraException(ErrorCode.DISK_FULL, "no data directory has " + bytesNeeded
                + " free bytes above its reserved space");
    }
}
