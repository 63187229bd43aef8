package io.hydrafs.client;

import io.hydrafs.client.data.DataOptions;
import io.hydrafs.client.data.FileChecksums;
import io.hydrafs.client.data.FileReader;
import io.hydrafs.client.data.FileWriter;
import io.hydrafs.client.lease.LeaseRenewer;
import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AclUpdate;
import io.hydrafs.protocol.meta.ClusterStatusResponse;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.GetContentSummaryResponse;
import io.hydrafs.protocol.meta.GetFileStatusResponse;
import io.hydrafs.protocol.meta.XAttrProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The file system as applications see it: HDFS's {@code FileSystem} operations over the
 * HydraFS meta service. Every call goes through a {@link MetaClient}, so it fails over between
 * meta nodes transparently; errors are {@link HydraException}s carrying the server's code
 * (e.g. FILE_NOT_FOUND, PERMISSION_DENIED), or NO_LEADER if no meta node could answer within
 * the failover timeout.
 *
 * <p>Paths are absolute ("/a/b"); the meta service normalizes and fully validates them.
 * Thread-safe: share one instance per application. {@link #close()} closes the streams still
 * open for writing (completing their files), stops the lease renewer and the connections.
 *
 * <p>File data goes straight between this client and the blockstores ({@link HydraOutputStream},
 * {@link HydraInputStream}); the meta service only allocates blocks and says where replicas are.
 */
public final class HydraFileSystem implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HydraFileSystem.class);

    private final MetaClient meta;
    private final String clientName;
    private final LeaseRenewer leaseRenewer;
    private final DataOptions dataOptions;
    private final List<String> metaAddresses;
    private final Set<HydraOutputStream> openStreams = ConcurrentHashMap.newKeySet();
    private boolean closed;

    private HydraFileSystem(ClientOptions options) {
        this.meta = new MetaClient(options.metaClientConfig(), options.channelFactory());
        this.clientName = "hydra-client-" + meta.clientUuid();
        this.dataOptions = options.dataOptions();
        this.metaAddresses = List.copyOf(options.metaAddresses());
        this.leaseRenewer = new LeaseRenewer(clientName, options.leaseRenewIntervalMs(),
                () -> meta.renewLease(clientName));
    }

    /**
     * A file system client for the cluster the options name. Connections are opened lazily
     * (as in HDFS), so a wrong address shows up at the first call, as NO_LEADER naming it.
     */
    public static HydraFileSystem connect(ClientOptions options) throws HydraException {
        return new HydraFileSystem(options);
    }

    /** "hydra-client-<uuid>": the name this client holds write leases under. */
    public String clientName() {
        return clientName;
    }

    /** Makes the directory and any missing parents with permission 0755; true if it exists now. */
    public boolean mkdirs(String path) throws HydraException {
        return mkdirs(path, Permissions.DEFAULT_DIRECTORY);
    }

    /**
     * Makes the directory and any missing parents; true if it exists now, whether it was made
     * or already there (as HDFS). A file in the way fails (FILE_ALREADY_EXISTS / PARENT_NOT_DIRECTORY).
     */
    public boolean mkdirs(String path, int permission) throws HydraException {
        meta.mkdirs(checkPath(path), checkPermission(permission));
        return true;
    }

    /** Creates (or overwrites) a file with the defaults of {@link CreateOptions#defaults()}. */
    public HydraOutputStream create(String path) throws HydraException {
        return create(path, CreateOptions.defaults());
    }

    /**
     * Creates a file and opens it for writing; this client holds its lease until the stream
     * closes. Blocks get the options' size and replication (0 = the cluster's defaults).
     */
    public HydraOutputStream create(String path, CreateOptions options) throws HydraException {
        checkPath(path);
        checkOpen();
        CreateResponse created = meta.create(CreateRequest.newBuilder()
                .setPath(path)
                .setPermission(options.permission())
                .setOverwrite(options.overwrite())
                .setReplication(options.replication())
                .setBlockSize(options.blockSizeBytes())
                .setCreateParent(options.createParent())
                .setClientName(clientName)
                .build());
        long blockSize = created.getStatus().getBlockSize() > 0 ? created.getStatus().getBlockSize()
                : options.blockSizeBytes();
        return register(new HydraOutputStream(path, FileWriter.forNewFile(path, created.getStatus().getInodeId(),
                clientName, meta, dataOptions, blockSize), this::streamClosed));
    }

    /**
     * Reopens a closed file for writing at its end; this client holds its lease until the stream
     * closes. A partial last block is continued on its replicas, otherwise new blocks follow.
     */
    public HydraOutputStream append(String path) throws HydraException {
        checkPath(path);
        checkOpen();
        return register(new HydraOutputStream(path, FileWriter.forAppend(path, clientName, meta, dataOptions),
                this::streamClosed));
    }

    /**
     * The checksum of a file's bytes (see {@link FileChecksum}), from the blockstores' stored
     * checksums: no block data is read. FILE_NOT_FOUND, IS_A_DIRECTORY... as the meta service
     * answers; BLOCK_MISSING when no replica of a block gives its checksum.
     */
    public FileChecksum getFileChecksum(String path) throws HydraException {
        return getFileChecksum(path, Long.MAX_VALUE);
    }

    /** The checksum of the first {@code length} bytes of a file (all of it if it is shorter). */
    public FileChecksum getFileChecksum(String path, long length) throws HydraException {
        checkPath(path);
        checkOpen();
        return FileChecksums.of(path, length, meta, dataOptions);
    }

    /** Opens a file for reading (FILE_NOT_FOUND, IS_A_DIRECTORY... as the meta service answers). */
    public HydraInputStream open(String path) throws HydraException {
        checkPath(path);
        checkOpen();
        return new HydraInputStream(path, FileReader.open(path, clientName, meta, dataOptions));
    }

    private HydraOutputStream register(HydraOutputStream stream) throws HydraException {
        synchronized (this) {
            if (!closed) {
                openStreams.add(stream);
                leaseRenewer.writerOpened(stream);
                return stream;
            }
        }
        stream.close();  // closed while we were creating: complete the file rather than leave it open
        throw closedError();
    }

    /** The status of the file or directory at {@code path}; FILE_NOT_FOUND if there is none. */
    public FileStatus getFileStatus(String path) throws HydraException {
        GetFileStatusResponse response = meta.getFileStatus(checkPath(path));
        if (!response.hasStatus()) {
            throw new HydraException(ErrorCode.INTERNAL, "meta service answered getFileStatus(" + path
                    + ") without a status");
        }
        return ProtoMapping.fileStatus(response.getStatus());
    }

    /** Whether something is at {@code path}. A path through a file (/file/x) does not exist. */
    public boolean exists(String path) throws HydraException {
        try {
            getFileStatus(path);
            return true;
        } catch (HydraException e) {
            return switch (e.code()) {
                case FILE_NOT_FOUND, NOT_A_DIRECTORY, PARENT_NOT_DIRECTORY -> false;
                default -> throw e;
            };
        }
    }

    /** Every entry of a directory, in name order, fetched page by page (a file lists as itself). */
    public List<FileStatus> listStatus(String path) throws HydraException {
        checkPath(path);
        ListingIterator.PageSource source = startAfter -> listStatus(path, startAfter, 0);
        DirectoryListing page = source.page("");
        List<FileStatus> all = new ArrayList<>(page.entries());
        while (page.hasMore()) {
            page = ListingIterator.nextPage(page, source);
            all.addAll(page.entries());
        }
        return all;
    }

    /**
     * One page of a directory: up to {@code limit} entries (0 = the server's page size) whose
     * names sort after {@code startAfter} (null or "" = from the start).
     */
    public DirectoryListing listStatus(String path, String startAfter, int limit) throws HydraException {
        if (limit < 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "listing limit " + limit + " is negative");
        }
        return ProtoMapping.listing(meta.listStatus(checkPath(path), startAfter == null ? "" : startAfter, limit));
    }

    /**
     * The entries of a directory, fetched lazily a page at a time. The first page is read now,
     * so FILE_NOT_FOUND and the like are thrown here; a failure while reading a later page is
     * thrown by the iterator's {@code hasNext()}/{@code next()} as an
     * {@link java.io.UncheckedIOException} whose cause is the {@link HydraException}.
     */
    public Iterator<FileStatus> listStatusIterator(String path) throws HydraException {
        checkPath(path);
        ListingIterator.PageSource source = startAfter -> listStatus(path, startAfter, 0);
        return new ListingIterator(source.page(""), source);
    }

    /** Moves {@code src} to {@code dst} (into it, if {@code dst} is a directory); returns the final path. */
    public String rename(String src, String dst) throws HydraException {
        return meta.rename(checkPath(src), checkPath(dst)).getFinalPath();
    }

    /**
     * Moves the blocks of {@code srcs}, in that order, to the end of {@code target} and deletes
     * the sources, as HDFS's concat: no byte is copied. All must be closed files in one directory;
     * each source must have a block and a block size no larger than the target's (else
     * INVALID_ARGUMENT). Retried after a failover, it is answered from the retry cache.
     */
    public void concat(String target, List<String> srcs) throws HydraException {
        List<String> checked = new ArrayList<>(srcs.size());
        for (String src : srcs) {
            checked.add(checkPath(src));
        }
        meta.concat(checkPath(target), checked);
    }

    /**
     * Sets an extended attribute of a file or directory, as HDFS: the name carries its namespace
     * ({@code user.}, or {@code trusted.} for the superuser); flags as {@link XAttrFlag} says
     * (XATTR_ALREADY_EXISTS, XATTR_NOT_FOUND). At most 32 per inode, 16 KiB of name and value each.
     */
    public void setXAttr(String path, String name, byte[] value, Set<XAttrFlag> flags) throws HydraException {
        meta.setXAttr(checkPath(path), name, value, flags.contains(XAttrFlag.CREATE),
                flags.contains(XAttrFlag.REPLACE));
    }

    /** Sets an extended attribute whether or not it is there (both flags). */
    public void setXAttr(String path, String name, byte[] value) throws HydraException {
        setXAttr(path, name, value, Set.of(XAttrFlag.CREATE, XAttrFlag.REPLACE));
    }

    /** Removes an extended attribute; XATTR_NOT_FOUND if it is not there. */
    public void removeXAttr(String path, String name) throws HydraException {
        meta.removeXAttr(checkPath(path), name);
    }

    /**
     * The named extended attributes' values (XATTR_NOT_FOUND if one is missing), or with no
     * names every one the caller may see; name order. Needs read access to the inode.
     */
    public Map<String, byte[]> getXAttrs(String path, List<String> names) throws HydraException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (XAttrProto x : meta.getXAttrs(checkPath(path), names).getXattrsList()) {
            out.put(x.getName(), x.getValue().toByteArray());
        }
        return out;
    }

    /** The names of the extended attributes the caller may see; needs only the path's traversal. */
    public List<String> listXAttrs(String path) throws HydraException {
        return meta.listXAttrs(checkPath(path)).getNamesList();
    }

    /** Deletes the file or directory; false if nothing was there. A non-empty directory needs {@code recursive}. */
    public boolean delete(String path, boolean recursive) throws HydraException {
        return meta.delete(checkPath(path), recursive).getDeleted();
    }

    public void setPermission(String path, int permission) throws HydraException {
        meta.setPermission(checkPath(path), checkPermission(permission));
    }

    /** Changes owner and/or group; null leaves that one unchanged. */
    public void setOwner(String path, String owner, String group) throws HydraException {
        if (owner == null && group == null) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "setOwner(" + path + ") needs an owner or a group");
        }
        meta.setOwner(checkPath(path), owner == null ? "" : owner, group == null ? "" : group);
    }

    /** Sets modification and access times in ms since the epoch; -1 leaves that one unchanged. */
    public void setTimes(String path, long mtimeMs, long atimeMs) throws HydraException {
        if (mtimeMs < -1 || atimeMs < -1) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "setTimes(" + path + "): times must be >= 0, or -1");
        }
        meta.setTimes(checkPath(path), mtimeMs, atimeMs);
    }

    /** Changes a file's target replication; false if the path is not a file (as HDFS). */
    public boolean setReplication(String path, int replication) throws HydraException {
        if (replication < 1 || replication > CreateOptions.MAX_REPLICATION) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "replication " + replication + " is not in 1.."
                    + CreateOptions.MAX_REPLICATION);
        }
        return meta.setReplication(checkPath(path), replication).getChanged();
    }

    public ContentSummary getContentSummary(String path) throws HydraException {
        GetContentSummaryResponse response = meta.getContentSummary(checkPath(path));
        return ProtoMapping.contentSummary(response.getSummary());
    }

    /** HDFS's modifyAclEntries: the entries replace those with the same scope, type and name, or are added. */
    public void modifyAclEntries(String path, List<AclEntry> entries) throws HydraException {
        updateAcl(path, AclUpdate.ACL_UPDATE_MODIFY, entries);
    }

    /** HDFS's removeAclEntries: drops the entries with these scopes, types and names. */
    public void removeAclEntries(String path, List<AclEntry> entries) throws HydraException {
        updateAcl(path, AclUpdate.ACL_UPDATE_REMOVE_ENTRIES, entries);
    }

    public void removeDefaultAcl(String path) throws HydraException {
        updateAcl(path, AclUpdate.ACL_UPDATE_REMOVE_DEFAULT, List.of());
    }

    /** HDFS's removeAcl: back to the permission bits alone (the group bits from the owning group's entry). */
    public void removeAcl(String path) throws HydraException {
        updateAcl(path, AclUpdate.ACL_UPDATE_REMOVE, List.of());
    }

    /**
     * HDFS's setAcl: the entries replace the ACL's scopes they name (owner, group and other
     * entries included). Only the owner or the superuser changes an ACL; an invalid one is
     * INVALID_ARGUMENT with HDFS's reason ("Invalid ACL: ...").
     */
    public void setAcl(String path, List<AclEntry> entries) throws HydraException {
        updateAcl(path, AclUpdate.ACL_UPDATE_SET, entries);
    }

    public AclStatus getAclStatus(String path) throws HydraException {
        return ProtoMapping.aclStatus(meta.getAclStatus(checkPath(path)));
    }

    private void updateAcl(String path, AclUpdate update, List<AclEntry> entries) throws HydraException {
        meta.updateAcl(checkPath(path), update, entries.stream().map(ProtoMapping::aclEntry).toList());
    }

    /**
     * Sets a directory's quotas, as HDFS's setQuota (superuser only): each value is a limit (0 or
     * more), {@link DirectoryQuota#NONE} to remove it, or {@link DirectoryQuota#DONT_SET} to keep
     * it. A namespace quota limits the files and directories below the directory (itself
     * included), a space quota their bytes times replication. A call that would take a directory
     * past its quota fails with NAMESPACE_QUOTA_EXCEEDED or SPACE_QUOTA_EXCEEDED and changes
     * nothing; {@link #getContentSummary} shows the quotas and their usage.
     */
    public void setQuota(String path, long namespaceQuota, long spaceQuota) throws HydraException {
        meta.setQuota(checkPath(path), namespaceQuota, spaceQuota);
    }

    /**
     * Asks the meta service to close a file another (possibly dead) writer left open; true if
     * the file is closed now, false if recovery started and the caller should ask again later.
     */
    public boolean recoverLease(String path) throws HydraException {
        return meta.recoverLease(checkPath(path), clientName).getClosed();
    }

    /**
     * Cuts a closed file to its first {@code newLength} bytes, as HDFS's truncate: true when done,
     * false when the new end falls inside a block, whose replicas are being cut by a block
     * recovery; the file is closed when it ends ({@link #isClosed}), and cannot be written or
     * truncated before. Its length is the new one at once. INVALID_ARGUMENT for a length beyond
     * the file's.
     */
    public boolean truncate(String path, long newLength) throws HydraException {
        return meta.truncate(checkPath(path), newLength).getClosed();
    }

    /** Whether no writer (nor recovery) holds the file: HDFS's isFileClosed. */
    public boolean isClosed(String path) throws HydraException {
        FileStatus status = getFileStatus(path);
        if (status.isDirectory()) {
            throw new HydraException(ErrorCode.IS_A_DIRECTORY, path + " is a directory, not a file");
        }
        return !status.underConstruction();
    }

    /** The cluster's storage, summed over its live blockstores (what {@code df} shows). */
    public StorageStatus getStorageStatus() throws HydraException {
        checkOpen();
        ClusterStatusResponse status = meta.clusterStatus();
        return new StorageStatus(status.getCapacityBytes(), status.getUsedBytes(), status.getRemainingBytes());
    }

    /** The meta nodes' client addresses this client was given. */
    public List<String> metaAddresses() {
        return metaAddresses;
    }

    /** The low-level meta client: addBlock, complete, abandonBlock, renewLease, clusterStatus... */
    public MetaClient meta() {
        return meta;
    }

    /** The lease renewer of this client's open files (exposed for tests and metrics). */
    LeaseRenewer leaseRenewer() {
        return leaseRenewer;
    }

    /** Closes open streams (completing their files), stops lease renewal, closes connections. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (HydraOutputStream stream : List.copyOf(openStreams)) {
            try {
                stream.close();
            } catch (HydraException e) {
                LOG.warn("could not complete {} while closing the file system: {}", stream.path(), e.getMessage());
            }
        }
        leaseRenewer.close();
        meta.close();
    }

    private void streamClosed(HydraOutputStream stream) {
        openStreams.remove(stream);
        leaseRenewer.writerClosed(stream);
    }

    private synchronized void checkOpen() throws HydraException {
        if (closed) {
            throw closedError();
        }
    }

    private static HydraException closedError() {
        return new HydraException(ErrorCode.IO_ERROR, "file system is closed");
    }

    // Cheap checks at the edge; the meta service does the full validation.
    private static String checkPath(String path) throws HydraException {
        if (path == null || !path.startsWith("/")) {
            throw new HydraException(ErrorCode.INVALID_PATH, "path '" + path + "' is not absolute");
        }
        return path;
    }

    private static int checkPermission(int permission) throws HydraException {
        if (!Permissions.isValid(permission)) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "permission 0" + Integer.toOctalString(permission)
                    + " is not in 0..0" + Integer.toOctalString(Permissions.MAX));
        }
        return permission;
    }
}
