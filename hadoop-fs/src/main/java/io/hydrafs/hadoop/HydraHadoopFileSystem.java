package io.hydrafs.hadoop;

import io.hydrafs.client.ClientConfigKeys;
import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.client.StorageStatus;
import io.hydrafs.protocol.config.HydraConfig;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.CompositeCrcFileChecksum;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FsStatus;
import org.apache.hadoop.fs.LeaseRecoverable;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathIsNotEmptyDirectoryException;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.util.DataChecksum;
import org.apache.hadoop.util.Progressable;

import static io.hydrafs.hadoop.HadoopErrors.lookingUp;
import static org.apache.hadoop.fs.impl.PathCapabilitiesSupport.validatePathCapabilityArgs;
import static io.hydrafs.hadoop.HadoopErrors.translating;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * HydraFS as a Hadoop {@link FileSystem}, so that MapReduce, Spark and the {@code hadoop fs}
 * shell read and write {@code hydra://} paths. A thin layer over {@link HydraFileSystem}: paths
 * become absolute HydraFS paths, answers become Hadoop's types, and errors the exceptions Hadoop
 * code catches ({@link HadoopErrors}). Return values follow HDFS's {@code DistributedFileSystem}
 * where the {@code FileSystem} contract leaves a choice (rename answers false rather than
 * throwing; create makes missing parents).
 *
 * <p>The URI names the meta nodes: {@code hydra://meta1:7100,meta2:7100,meta3:7100/path}. With
 * no authority ({@code hydra:///path}) they come from {@code hydra.meta.addresses} in the
 * Hadoop configuration. Any {@code hydra.*} key there is a client setting
 * ({@code io.hydrafs.client.ClientConfigKeys}); the user is Hadoop's current user unless
 * {@code hydra.client.user} is set.
 *
 * <p>Found by {@code FileSystem.get} through {@code META-INF/services}; {@code fs.hydra.impl}
 * need not be set.
 */
public class HydraHadoopFileSystem extends HydraAttributesFileSystem implements LeaseRecoverable {
    public static final String SCHEME = "hydra";
    private static final String CONFIG_PREFIX = "hydra.";
    private static final String META_ADDRESSES = ClientConfigKeys.META_ADDRESSES.name();
    private static final String USER = ClientConfigKeys.USER.name();

    private URI uri;
    private ServerDefaults serverDefaults;
    private HydraFileSystem fs;
    private String user;
    private Path workingDirectory;

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        setConf(conf);
        String authority = name.getAuthority() == null ? "" : name.getAuthority();
        this.uri = URI.create(SCHEME + "://" + authority + "/");
        HydraConfig config = HydraConfig.empty();
        for (Map.Entry<String, String> e : conf.getPropsWithPrefix(CONFIG_PREFIX).entrySet()) {
            config = config.with(CONFIG_PREFIX + e.getKey(), e.getValue());
        }
        if (!authority.isEmpty()) {
            config = config.with(META_ADDRESSES, authority);
        }
        if (conf.get(USER) == null) {
            config = config.with(USER, UserGroupInformation.getCurrentUser().getShortUserName());
        }
        this.fs = HydraFileSystem.connect(ClientOptions.builder().config(config).build());
        this.serverDefaults = new ServerDefaults(fs.meta());
        this.user = config.get(ClientConfigKeys.USER);
        this.workingDirectory = getHomeDirectory();
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public Path getHomeDirectory() {
        return makeQualified(new Path("/user/" + user));
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    @Override
    public void setWorkingDirectory(Path dir) {
        workingDirectory = makeQualified(absolute(dir));
    }

    @Override
    HydraFileSystem sdk() {
        return fs;
    }

    /** The HydraFS path of a Hadoop path of this file system (relative ones against the working directory). */
    @Override
    String pathOf(Path p) {
        checkPath(p);
        String path = absolute(p).toUri().getPath();
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private Path absolute(Path p) {
        return p.isAbsolute() ? p : new Path(workingDirectory, p);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        String path = pathOf(f);
        return lookingUp(() -> new FSDataInputStream(new HydraFsInputStream(fs.open(path), statistics)));
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        return create(f, permission, overwrite, replication, blockSize, true);
    }

    @Override
    public FSDataOutputStream createNonRecursive(Path f, FsPermission permission, EnumSet<org.apache.hadoop.fs.CreateFlag> flags,
                                                 int bufferSize, short replication, long blockSize,
                                                 Progressable progress) throws IOException {
        return create(f, permission, flags.contains(org.apache.hadoop.fs.CreateFlag.OVERWRITE), replication,
                blockSize, false);
    }

    private FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, short replication,
                                      long blockSize, boolean createParent) throws IOException {
        String path = pathOf(f);
        CreateOptions options = CreateOptions.builder().overwrite(overwrite).replication(Math.max(0, replication))
                .blockSizeBytes(Math.max(0, blockSize)).permission(HadoopTypes.bits(permission, FsPermission.getFileDefault()))
                .createParent(createParent).build();
        try {
            if (!createParent && !isDirectory(HadoopTypes.parentOf(path))) {
                throw new FileNotFoundException("cannot create " + path + ": its parent directory does not exist");
            }
            return new HydraFsOutputStream(fs.create(path, options), statistics);
        } catch (HydraException e) {
            throw HadoopErrors.translate(e);
        }
    }

    @Override
    public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
        String path = pathOf(f);
        return lookingUp(() -> new HydraFsOutputStream(fs.append(path), statistics));
    }

    /**
     * HDFS's answers: true once moved (into {@code dst} when it is a directory); false, not an
     * exception, when the source is missing, the destination exists as a file or has no parent,
     * or the move would put a directory inside itself. Permission errors still throw.
     */
    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        try {
            fs.rename(pathOf(src), pathOf(dst));
            return true;
        } catch (HydraException e) {
            if (e.code() == ErrorCode.PERMISSION_DENIED) {
                throw HadoopErrors.translate(e);
            }
            if (isRenameRefusal(e.code())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isRenameRefusal(ErrorCode code) {
        return switch (code) {
            case FILE_NOT_FOUND, FILE_ALREADY_EXISTS, PARENT_NOT_DIRECTORY, NOT_A_DIRECTORY, IS_A_DIRECTORY,
                 DIRECTORY_NOT_EMPTY, RENAME_INTO_SUBTREE, INVALID_PATH, INVALID_ARGUMENT -> true;
            default -> false;
        };
    }

    /**
     * False if nothing was there, or for the root (as HDFS); a non-empty directory, the root
     * included, needs {@code recursive}.
     */
    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        String path = pathOf(f);
        try {
            return fs.delete(path, recursive);
        } catch (HydraException e) {
            if (e.code() == ErrorCode.CANNOT_DELETE_ROOT) {
                if (!recursive && fs.getFileStatus(path).childCount() > 0) {
                    throw new PathIsNotEmptyDirectoryException(path);
                }
                return false;
            }
            throw HadoopErrors.translate(e);
        }
    }

    /** A directory's children, sorted; a file lists itself; a missing path is FileNotFoundException. */
    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        String path = pathOf(f);
        return lookingUp(() -> fs.listStatus(path).stream().map(this::toHadoop).toArray(FileStatus[]::new));
    }

    /**
     * A directory's children page by page, as the meta service serves them: a directory of
     * millions of entries is never held whole (Hadoop's default would list it all first).
     */
    @Override
    public RemoteIterator<FileStatus> listStatusIterator(Path f) throws IOException {
        String path = pathOf(f);
        return new PagedStatusIterator(lookingUp(() -> fs.listStatusIterator(path)), this::toHadoop);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        String path = pathOf(f);
        return translating(() -> fs.mkdirs(path, HadoopTypes.bits(permission, FsPermission.getDirDefault())));
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        String path = pathOf(f);
        return lookingUp(() -> toHadoop(fs.getFileStatus(path)));
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
        String path = pathOf(p);
        translating(() -> fs.setPermission(path, HadoopTypes.bits(permission, FsPermission.getDefault())));
    }

    @Override
    public void setOwner(Path p, String username, String groupname) throws IOException {
        String path = pathOf(p);
        translating(() -> fs.setOwner(path, username, groupname));
    }

    @Override
    public void setTimes(Path p, long mtime, long atime) throws IOException {
        String path = pathOf(p);
        translating(() -> fs.setTimes(path, mtime, atime));
    }

    @Override
    public boolean setReplication(Path src, short replication) throws IOException {
        try {
            return fs.setReplication(pathOf(src), replication);
        } catch (HydraException e) {
            if (e.code() == ErrorCode.FILE_NOT_FOUND) {
                return false; // as HDFS
            }
            throw HadoopErrors.translate(e);
        }
    }

    @Override
    public ContentSummary getContentSummary(Path f) throws IOException {
        String path = pathOf(f);
        return HadoopTypes.contentSummary(lookingUp(() -> fs.getContentSummary(path)));
    }

    /** HDFS's setQuota (superuser only): -1 clears a limit, Long.MAX_VALUE keeps it. */
    @Override
    public void setQuota(Path src, long namespaceQuota, long storagespaceQuota) throws IOException {
        String path = pathOf(src);
        lookingUp(() -> fs.setQuota(path, HadoopTypes.quota(namespaceQuota), HadoopTypes.quota(storagespaceQuota)));
    }

    /** Where each block overlapping the range lives, so that MapReduce and Spark schedule next to the data. */
    @Override
    public BlockLocation[] getFileBlockLocations(FileStatus file, long start, long len) throws IOException {
        if (file == null) {
            return null;
        }
        if (start < 0 || len < 0) {
            throw new IllegalArgumentException("invalid start or len: " + start + ", " + len);
        }
        if (file.isDirectory() || start >= file.getLen() || len == 0) {
            return new BlockLocation[0];
        }
        String path = pathOf(file.getPath());
        return BlockLocations.of(lookingUp(() -> fs.meta().getBlockLocations(path, start, len)));
    }

    /**
     * The cluster's default replication: Hadoop's {@code create(Path)} and its kin pass it
     * explicitly, so it must be the cluster's, not {@code FileSystem}'s local-disk default of 1.
     */
    @Override
    public short getDefaultReplication() {
        return serverDefaults.get().replication();
    }

    @Override
    public short getDefaultReplication(Path path) {
        return getDefaultReplication();
    }

    @Override
    public long getDefaultBlockSize() {
        return serverDefaults.get().blockSize();
    }

    @Override
    public long getDefaultBlockSize(Path path) {
        return getDefaultBlockSize();
    }

    /**
     * Closes a file another (perhaps dead) writer left open: true if it is closed now, false if
     * recovery of its last block started and the caller should ask again (HDFS's recoverLease).
     */
    @Override
    public boolean recoverLease(Path f) throws IOException {
        String path = fileForLease(f);
        return translating(() -> fs.recoverLease(path));
    }

    /** Whether no writer holds the file (HDFS's isFileClosed). */
    @Override
    public boolean isFileClosed(Path f) throws IOException {
        String path = fileForLease(f);
        return !lookingUp(() -> fs.getFileStatus(path)).underConstruction();
    }

    /**
     * HDFS's truncate: true when done, false while the block the new end falls in is being cut
     * (the file is closed when that ends: {@link #isFileClosed}). A file being written is an
     * IOException (HDFS's AlreadyBeingCreatedException), not FileAlreadyExistsException.
     */
    @Override
    public boolean truncate(Path f, long newLength) throws IOException {
        String path = fileForLease(f);
        try {
            return fs.truncate(path, newLength);
        } catch (HydraException e) {
            throw e.code() == ErrorCode.ALREADY_BEING_CREATED ? e : HadoopErrors.translate(e);
        }
    }

    private String fileForLease(Path f) throws IOException {
        return HadoopErrors.existingFile(fs, pathOf(f));
    }

    /**
     * The CRC32C of the file's first {@code length} bytes as Hadoop's {@code COMPOSITE-CRC32C}
     * checksum: equal to HDFS's for the same bytes when HDFS runs with
     * {@code dfs.checksum.combine.mode=COMPOSITE_CRC}, so DistCp can verify copies between them.
     */
    @Override
    public FileChecksum getFileChecksum(Path f, long length) throws IOException {
        String path = pathOf(f);
        io.hydrafs.client.FileChecksum sum = lookingUp(() -> fs.getFileChecksum(path, length));
        return new CompositeCrcFileChecksum(sum.crc32c(), DataChecksum.Type.CRC32C, DataChecksums.BYTES_PER_CHUNK);
    }

    /** The live blockstores' capacity, use and free space, as the meta node's heartbeats last said (df). */
    @Override
    public FsStatus getStatus(Path p) throws IOException {
        StorageStatus storage = translating(() -> fs.getStorageStatus());
        return new FsStatus(storage.capacityBytes(), storage.usedBytes(), storage.remainingBytes());
    }

    /**
     * HDFS's concat: the sources' blocks move, in order, to the end of the target and the sources
     * are deleted, with no byte copied. A directory or missing path is FileNotFoundException; a
     * source HDFS would refuse (elsewhere, open, empty, larger blocks, repeated) an IOException.
     */
    @Override
    public void concat(Path trg, Path[] psrcs) throws IOException {
        String target = pathOf(trg);
        List<String> srcs = new ArrayList<>(psrcs.length);
        for (Path p : psrcs) {
            srcs.add(pathOf(p));
        }
        lookingUp(() -> fs.concat(target, srcs));
    }

    /** Append, concat, truncate, POSIX permissions and ACLs, xattrs, lease recovery and checksums are there; snapshots are not. */
    @Override
    public boolean hasPathCapability(Path path, String capability) throws IOException {
        return switch (validatePathCapabilityArgs(makeQualified(path), capability)) {
            case CommonPathCapabilities.FS_APPEND, CommonPathCapabilities.FS_CONCAT, CommonPathCapabilities.FS_TRUNCATE,
                 CommonPathCapabilities.FS_PERMISSIONS, CommonPathCapabilities.LEASE_RECOVERABLE,
                 CommonPathCapabilities.FS_CHECKSUMS, CommonPathCapabilities.FS_XATTRS,
                 CommonPathCapabilities.FS_ACLS -> true;
            case CommonPathCapabilities.FS_SNAPSHOTS -> false;
            default -> super.hasPathCapability(path, capability);
        };
    }

    /** No delegation tokens: HydraFS authenticates as HDFS's "simple" mode does. */
    @Override
    public String getCanonicalServiceName() {
        return null;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            if (fs != null) {
                fs.close();
            }
        }
    }

    private boolean isDirectory(String path) throws HydraException {
        try {
            return fs.getFileStatus(path).isDirectory();
        } catch (HydraException e) {
            if (e.code() == ErrorCode.FILE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** With HDFS's HAS_ACL flag, so that {@code ls} marks such entries with '+'. */
    private FileStatus toHadoop(io.hydrafs.client.FileStatus s) {
        return new FileStatus(s.length(), s.isDirectory(), s.replication(), s.blockSizeBytes(),
                s.modificationTimeMs(), s.accessTimeMs(), new FsPermission((short) s.permission()), s.owner(),
                s.group(), null, makeQualified(new Path(s.path())),
                s.hasAcl() ? EnumSet.of(FileStatus.AttrFlags.HAS_ACL) : EnumSet.noneOf(FileStatus.AttrFlags.class));
    }
}
