package io.hydrafs.ops.cli;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.meta.namespace.NamespaceConfigKeys;
import io.hydrafs.protocol.config.ClusterConfigKeys;
import io.hydrafs.protocol.config.HydraConfig;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/**
 * The file system client of a compute role ({@code hydra coordinator}, {@code hydra worker}).
 * It calls as the cluster superuser ({@code hydra.meta.namespace.superuser}), since a
 * coordinator and its workers read every job's input and write every job's output whoever
 * submitted it, as Hadoop's daemons run as the cluster's own user.
 */
final class ComputeNodeClient {
    private ComputeNodeClient() {
    }

    /** A client of the meta nodes in {@code hydra.meta.addresses}; INVALID_ARGUMENT when the key is missing. */
    private static HydraFileSystem connect(HydraConfig config) throws HydraException {
        if (config.get(ClusterConfigKeys.META_ADDRESSES).isBlank()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "config key " + ClusterConfigKeys.META_ADDRESSES.name()
                    + " is required: the meta nodes this compute node reads and writes files through");
        }
        return HydraFileSystem.connect(ClientOptions.builder().config(config)
                .user(config.get(NamespaceConfigKeys.SUPERUSER)).build());
    }

    /** Starts a compute node on a new client; the client is closed if the start fails. */
    @FunctionalInterface
    interface NodeStarter<N extends AutoCloseable> {
        N start(HydraFileSystem fs) throws HydraException;
    }

    /**
     * A compute node started with its own client: the returned pair closes the node, then the
     * client. {@link #node()} is the started node, for its ports and id.
     */
    record Running<N extends AutoCloseable>(N node, HydraFileSystem fs) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            try {
                node.close();
            } finally {
                fs.close();
            }
        }
    }

    static <N extends AutoCloseable> Running<N> start(HydraConfig config, NodeStarter<N> starter)
            throws HydraException {
        HydraFileSystem fs = connect(config);
        try {
            return new Running<>(starter.start(fs), fs);
        } catch (HydraException | RuntimeException e) {
            fs.close();
            throw e;
        }
    }
}
