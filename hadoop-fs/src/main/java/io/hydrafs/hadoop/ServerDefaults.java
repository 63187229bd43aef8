package io.hydrafs.hadoop;

import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.ClusterStatusResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a file created with replication or block size 0 gets, as the meta nodes answer (HDFS's
 * server defaults). Hadoop's {@code create(Path)} and its kin pass them explicitly, so they must
 * be the cluster's, not {@code FileSystem}'s local-disk defaults (replication 1, 32 MiB).
 * Asked once, of whichever meta node answers: the namespace policy must be equal on all.
 * Thread-safe.
 */
final class ServerDefaults {
    private static final Logger LOG = LoggerFactory.getLogger(ServerDefaults.class);

    /** Used while the cluster cannot be asked (unreachable, or too old to say): its documented defaults. */
    static final Values FALLBACK = new Values((short) 3, 128L << 20);

    record Values(short replication, long blockSize) {
    }

    private final MetaClient meta;
    private volatile Values known;

    ServerDefaults(MetaClient meta) {
        this.meta = meta;
    }

    Values get() {
        Values values = known;
        if (values != null) {
            return values;
        }
        try {
            ClusterStatusResponse status = meta.clusterStatus();
            if (status.getDefaultReplication() == 0 || status.getDefaultBlockSize() == 0) {
                return FALLBACK;
            }
            values = new Values((short) status.getDefaultReplication(), status.getDefaultBlockSize());
            known = values;
            return values;
        } catch (HydraException e) {
            LOG.warn("cannot ask the meta nodes for their defaults ({}); assuming replication {} and {}-byte blocks",
                    e.getMessage(), FALLBACK.replication(), FALLBACK.blockSize());
            return FALLBACK;
        }
    }
}
