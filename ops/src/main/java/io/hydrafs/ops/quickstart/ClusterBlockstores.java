package io.hydrafs.ops.quickstart;

import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/** The file-set tour's crashes, done to the blockstore processes of a local cluster (by id: b1, b2, ...). */
final class ClusterBlockstores implements FileSetTour.Blockstores {
    private final LocalProcessCluster cluster;

    ClusterBlockstores(LocalProcessCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String crash(String id) throws HydraException {
        int index = indexOf(id);
        long pid = cluster.blockstorePid(index);
        cluster.killBlockstore(index);
        return id + " (pid " + pid + ")";
    }

    @Override
    public void restart(String id) throws HydraException {
        cluster.startBlockstore(indexOf(id));
    }

    private int indexOf(String id) throws HydraException {
        for (int i = 0; i < cluster.blockstoreCount(); i++) {
            if (cluster.blockstoreId(i).equals(id)) {
                return i;
            }
        }
        // The meta service named a blockstore this cluster did not start: not ours to crash.
        throw new HydraException(ErrorCode.INVALID_ARGUMENT, "blockstore " + id + " is not one of this cluster's "
                + cluster.blockstores());
    }
}
