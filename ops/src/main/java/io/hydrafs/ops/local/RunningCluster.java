package io.hydrafs.ops.local;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What commands that only talk to a local cluster (bench, fs, job) need from its directory:
 * its endpoints, read without taking the cluster over (attach, then detach at once), and the
 * removal of a stopped throwaway cluster's directory.
 */
public final class RunningCluster {
    private RunningCluster() {
    }

    /** The client endpoints of the cluster running in {@code dir} (what {@code hydra bench --dir} uses). */
    public static List<String> metaAddresses(Path dir) throws HydraException {
        LocalProcessCluster cluster = LocalProcessCluster.attach(dir);
        cluster.detach();
        return cluster.metaAddresses();
    }

    /** The job coordinator of the cluster running in {@code dir}, if it runs compute workers. */
    public static Optional<String> coordinatorAddress(Path dir) throws HydraException {
        LocalProcessCluster cluster = LocalProcessCluster.attach(dir);
        cluster.detach();
        return cluster.coordinatorAddress();
    }

    /** Deletes the directory of a stopped cluster, everything in it (a throwaway cluster's, after close). */
    public static void deleteDirectory(Path dir) throws HydraException {
        try {
            ClusterDirectory.deleteTree(dir);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
