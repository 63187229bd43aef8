package io.hydrafs.ops.cli;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.ops.local.RunningCluster;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a verb reaches a running cluster: {@code --meta} names the meta nodes' client endpoints,
 * or else {@code --dir} the local cluster (see 'hydra cluster start') whose nodes to ask;
 * {@code --user} is who the calls are made as.
 */
final class MetaEndpointOptions {
    @Option(names = "--meta", split = ",", paramLabel = "host:port",
            description = "Meta nodes' client endpoints, comma-separated. Default: those of the local cluster in --dir.")
    List<String> metaAddresses = new ArrayList<>();

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Instead of --meta: the local cluster running in DIR. Default: " + ClusterDirOption.DEFAULT_DIR + ".")
    Path clusterDir;

    @Option(names = "--user", paramLabel = "NAME",
            description = "The user to call as. Default: the JVM's user.name (a local cluster's superuser).")
    String user;

    /** Client options for the chosen cluster; null when both --meta and --dir were given. */
    ClientOptions clientOptions(long rpcTimeoutMs) throws HydraException {
        if (!metaAddresses.isEmpty() && clusterDir != null) {
            return null;
        }
        List<String> addresses = !metaAddresses.isEmpty() ? metaAddresses
                : RunningCluster.metaAddresses(clusterDir == null ? Path.of(ClusterDirOption.DEFAULT_DIR)
                        : clusterDir);
        ClientOptions.Builder b = ClientOptions.builder().metaAddresses(addresses).rpcTimeoutMs(rpcTimeoutMs);
        if (user != null) {
            b.user(user);
        }
        return b.build();
    }
}
