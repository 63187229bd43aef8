package io.hydrafs.ops.cli;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * How a {@code hydra job} verb reaches the job coordinator: {@code --coordinator host:port}
 * (a comma-separated list names every coordinator of an HA pair, passed through to the client
 * as given), or else the coordinator of the local cluster in {@code --dir}. The file system
 * (for uploading a jar, sampling sort's input, local mode) is reached as the other verbs reach it.
 */
final class JobEndpointOptions {
    private static final long FS_RPC_TIMEOUT_MS = 10_000;

    @Option(names = "--coordinator", paramLabel = "host:port[,host:port]",
            description = "The job coordinator(s). Default: that of the local cluster in --dir.")
    String coordinator;

    @Mixin
    MetaEndpointOptions meta;

    /** The coordinator address(es); NOT_READY when the local cluster runs no coordinator. */
    String coordinatorAddress() throws HydraException {
        if (coordinator != null && !coordinator.isBlank()) {
            return coordinator.trim();
        }
        Path dir = clusterDir();
        LocalProcessCluster cluster = LocalProcessCluster.attach(dir);
        cluster.detach();
        return cluster.coordinatorAddress().orElseThrow(() -> new HydraException(ErrorCode.NOT_READY,
                "the local cluster in " + dir + " runs no job coordinator ('hydra cluster stop', then 'hydra cluster "
                        + "start --workers 2' adds one), or use --coordinator or --local"));
    }

    /** Client options of the file system; null when both --meta and --dir were given. */
    ClientOptions clientOptions() throws HydraException {
        return meta.clientOptions(FS_RPC_TIMEOUT_MS);
    }

    private Path clusterDir() {
        return meta.clusterDir == null ? Path.of(ClusterDirOption.DEFAULT_DIR) : meta.clusterDir;
    }
}
