package io.hydrafs.protocol.meta;

import java.util.Set;

/**
 * Names of the metadata service's RPC methods, shared by server and client. Each method's
 * request and response messages are in meta.proto ({@code XxxRequest} / {@code XxxResponse},
 * or {@code EmptyResponse}).
 */
public final class MetaMethods {
    private MetaMethods() {
    }

    // mutations: go through the Raft log, carry (client id, call id) for the retry cache
    public static final String MKDIRS = "meta.mkdirs";
    public static final String CREATE = "meta.create";
    public static final String RENAME = "meta.rename";
    public static final String CONCAT = "meta.concat";
    public static final String TRUNCATE = "meta.truncate";
    public static final String SET_QUOTA = "meta.setQuota";
    public static final String UPDATE_ACL = "meta.updateAcl";
    public static final String DELETE = "meta.delete";
    public static final String SET_PERMISSION = "meta.setPermission";
    public static final String SET_OWNER = "meta.setOwner";
    public static final String SET_TIMES = "meta.setTimes";
    public static final String SET_REPLICATION = "meta.setReplication";
    public static final String SET_XATTR = "meta.setXAttr";
    public static final String REMOVE_XATTR = "meta.removeXAttr";
    public static final String ADD_BLOCK = "meta.addBlock";
    public static final String COMPLETE = "meta.complete";
    public static final String ABANDON_BLOCK = "meta.abandonBlock";
    public static final String RECOVER_LEASE = "meta.recoverLease";
    public static final String APPEND = "meta.append";
    public static final String UPDATE_PIPELINE = "meta.updatePipeline";
    public static final String COMMIT_BLOCK_RECOVERY = "meta.commitBlockRecovery";

    // coordination records: writes are mutations as above (superuser only), the read is linearizable
    public static final String COORD_GET = "coord.get";
    public static final String COORD_COMPARE_AND_SET = "coord.compareAndSet";
    public static final String COORD_DELETE = "coord.delete";
    public static final String COORD_ACQUIRE_LEASE = "coord.acquireLease";
    public static final String COORD_RELEASE_LEASE = "coord.releaseLease";

    // leader-only soft state: not logged (as in HDFS, lease renewals are not edits)
    public static final String RENEW_LEASE = "meta.renewLease";
    public static final String REPORT_BAD_REPLICA = "meta.reportBadReplica";

    // reads: served from the store after a leadership check (or by a follower if allowed)
    public static final String GET_FILE_STATUS = "meta.getFileStatus";
    public static final String LIST_STATUS = "meta.listStatus";
    public static final String GET_CONTENT_SUMMARY = "meta.getContentSummary";
    public static final String GET_BLOCK_LOCATIONS = "meta.getBlockLocations";
    public static final String GET_XATTRS = "meta.getXAttrs";
    public static final String LIST_XATTRS = "meta.listXAttrs";
    public static final String GET_ACL_STATUS = "meta.getAclStatus";

    // any node answers for itself
    public static final String CLUSTER_STATUS = "meta.clusterStatus";

    // administration: superuser only, not logged; report, transferLeader and decommission are
    // answered by the leader, snapshot by the node it is sent to
    public static final String ADMIN_REPORT = "admin.report";
    public static final String ADMIN_TRANSFER_LEADER = "admin.transferLeader";
    public static final String ADMIN_SNAPSHOT = "admin.snapshot";
    public static final String ADMIN_DECOMMISSION = "admin.decommission";

    public static final Set<String> READS = Set.of(GET_FILE_STATUS, LIST_STATUS, GET_CONTENT_SUMMARY,
            GET_BLOCK_LOCATIONS, GET_XATTRS, LIST_XATTRS, GET_ACL_STATUS);
}
