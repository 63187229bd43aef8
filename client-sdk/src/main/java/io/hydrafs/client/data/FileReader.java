package io.hydrafs.client.data;

import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a file's bytes at any position with replica failover. Block locations come from the
 * meta service a range at a time ({@code prefetchBlocks} blocks ahead) and are refetched when
 * every replica of a block failed. Replicas are tried in the order the meta service gave
 * (nearest first); one that fails is remembered as dead for this reader, and one whose bytes
 * fail their checksums is also reported ({@code reportBadReplica}). After one refetch (with a
 * short pause) the read fails with BLOCK_MISSING naming the block, the path and what each
 * replica answered.
 *
 * <p>The length is fixed at open: the file's length, or for a file being written the length
 * visible on the last block's first answering replica (as HDFS). Sequential reads keep one block
 * connection open and stream it; positional reads use their own connection. Not thread-safe.
 */
public final class FileReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileReader.class);
    private static final long REFETCH_PAUSE_MS = 200;
    /** Locations are asked for by byte range; this block size is assumed until the status says. */
    private static final long DEFAULT_BLOCK_SIZE = 128L << 20;

    private final String path;
    private final String clientName;
    private final MetaClient meta;
    private final DataOptions options;
    private final Set<String> deadNodes = new HashSet<>();
    private List<LocatedBlockProto> blocks = List.of();
    private long blockSize = DEFAULT_BLOCK_SIZE;
    private long length;
    private long openBlockId = -1;     // the block being written, if the file is under construction
    private long openBlockVisible;     // its bytes visible at open
    private BlockReader sequential;    // open connection of sequential reads
    private long sequentialBlockId = -1;

    private FileReader(String path, String clientName, MetaClient meta, DataOptions options) {
        this.path = path;
        this.clientName = clientName;
        this.meta = meta;
        this.options = options;
    }

    public static FileReader open(String path, String clientName, MetaClient meta, DataOptions options)
            throws HydraException {
        FileReader reader = new FileReader(path, clientName, meta, options);
        reader.init();
        return reader;
    }

    private void init() throws HydraException {
        GetBlockLocationsResponse answer = fetch(0);
        FileStatusProto status = answer.getStatus();
        length = status.getLength();
        if (status.getUnderConstruction()) {
            // the block being written is the last one; its visible bytes are only known to its replicas
            List<LocatedBlockProto> tail = meta.getBlockLocations(path, Math.max(0, length - 1), 0,
                    options.clientNode()).getBlocksList();
            if (!tail.isEmpty()) {
                LocatedBlockProto last = tail.get(tail.size() - 1);
                openBlockId = last.getBlock().getBlockId();
                openBlockVisible = visibleBytes(last);
                length = Math.max(length, last.getOffset() + openBlockVisible);
            }
        }
    }

    // The first replica that answers tells; none answering: what the meta service recorded.
    private long visibleBytes(LocatedBlockProto block) {
        for (BlockstoreLocation replica : block.getLocationsList()) {
            try (BlockReader r = BlockReader.open(replica, block.getBlock(), 0, 0, clientName, options)) {
                return r.replicaLength();
            } catch (HydraException e) {
                LOG.info("no visible length of block {} of {} from {}: {}", block.getBlock().getBlockId(), path,
                        replica.getId(), e.getMessage());
            }
        }
        return block.getBlock().getNumBytes();
    }

    /** The file's length when it was opened (visible length for a file being written). */
    public long length() {
        return length;
    }

    /**
     * Reads up to {@code len} bytes at {@code position}; -1 at or past the end. Sequential reads
     * ({@code sequential}) continue the open block connection when {@code position} is where it is.
     */
    public int read(long position, byte[] b, int off, int len, boolean sequential) throws HydraException {
        if (position >= length) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        LocatedBlockProto block = locate(position);
        long inBlock = position - block.getOffset();
        long blockEnd = blockLength(block);
        int want = (int) Math.min(len, blockEnd - inBlock);
        if (sequential && this.sequential != null && this.sequential.position() == inBlock
                && sameBlock(block)) {
            try {
                int n = this.sequential.read(b, off, want);
                if (n > 0) {
                    return n;
                }
            } catch (HydraException e) {
                replicaFailed(block, this.sequential.replica(), e, new ArrayList<>());
            }
            closeSequential();
        }
        closeSequential();
        return readWithFailover(block, inBlock, blockEnd, b, off, want, sequential);
    }

    /** Reads exactly {@code len} bytes at {@code position}; END_OF_FILE if the file is shorter. */
    public void readFully(long position, byte[] b, int off, int len) throws HydraException {
        if (position + len > length) {
            throw new HydraException(ErrorCode.END_OF_FILE, "cannot read " + len + " bytes at " + position + " of "
                    + path + ", which has " + length + " bytes");
        }
        while (len > 0) {
            int n = read(position, b, off, len, false);
            if (n < 0) {
                throw new HydraException(ErrorCode.END_OF_FILE, path + " ended at " + position);
            }
            position += n;
            off += n;
            len -= n;
        }
    }

    private boolean sameBlock(LocatedBlockProto block) {
        return sequential != null && sequentialBlockId == block.getBlock().getBlockId();
    }

    private int readWithFailover(LocatedBlockProto block, long inBlock, long blockEnd, byte[] b, int off, int want,
                                 boolean keepOpen) throws HydraException {
        List<String> failures = new ArrayList<>();
        boolean refetched = false;
        while (true) {
            BlockstoreLocation replica = pickReplica(block);
            if (replica == null) {
                if (refetched) {
                    throw new HydraException(ErrorCode.BLOCK_MISSING, "no replica of block " + block.getBlock()
                            .getBlockId() + " of " + path + " could be read (" + String.join("; ", failures) + ")");
                }
                refetched = true;
                block = refetch(block);
                continue;
            }
            BlockReader reader = null;
            try {
                reader = BlockReader.open(replica, block.getBlock(), inBlock,
                        keepOpen ? blockEnd - inBlock : want, clientName, options);
                int n = readSome(reader, b, off, want, !keepOpen);
                if (keepOpen) {
                    sequential = reader;
                    sequentialBlockId = block.getBlock().getBlockId();
                } else {
                    reader.close();
                }
                return n;
            } catch (HydraException e) {
                if (reader != null) {
                    reader.close();
                }
                replicaFailed(block, replica, e, failures);
            }
        }
    }

    // Positional reads fill what they can from one connection; sequential ones return what came first.
    private int readSome(BlockReader reader, byte[] b, int off, int want, boolean fill) throws HydraException {
        int done = 0;
        do {
            int n = reader.read(b, off + done, want - done);
            if (n < 0) {
                throw new HydraException(ErrorCode.MALFORMED_REQUEST, "replica of block on "
                        + DataConnection.describe(reader.replica()) + " ended at " + reader.position()
                        + ", short of " + (reader.position() + want - done));
            }
            done += n;
        } while (fill && done < want);
        return done;
    }

    private void replicaFailed(LocatedBlockProto block, BlockstoreLocation replica, HydraException e,
                               List<String> failures) {
        LOG.warn("reading block {} of {} from {} failed, trying another replica: {}", block.getBlock().getBlockId(),
                path, replica.getId(), e.getMessage());
        deadNodes.add(replica.getId());
        failures.add(replica.getId() + ": " + e.getMessage());
        if (e.code() == ErrorCode.CHECKSUM_MISMATCH) {
            try {
                meta.reportBadReplica(block.getBlock(), replica.getId(), e.getMessage());
            } catch (HydraException reportFailed) {
                LOG.warn("could not report the bad replica of block {} on {}: {}", block.getBlock().getBlockId(),
                        replica.getId(), reportFailed.getMessage());
            }
        }
    }

    private BlockstoreLocation pickReplica(LocatedBlockProto block) {
        for (BlockstoreLocation replica : block.getLocationsList()) {
            if (!deadNodes.contains(replica.getId())) {
                return replica;
            }
        }
        return null;
    }

    private LocatedBlockProto refetch(LocatedBlockProto block) throws HydraException {
        try {
            Thread.sleep(REFETCH_PAUSE_MS);  // give the meta service a moment to learn of other replicas
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.IO_ERROR, "interrupted while reading " + path, e);
        }
        blocks = List.of();
        LocatedBlockProto fresh = locate(block.getOffset());
        // replicas the meta service still lists get another chance
        fresh.getLocationsList().forEach(l -> deadNodes.remove(l.getId()));
        return fresh;
    }

    private LocatedBlockProto locate(long position) throws HydraException {
        LocatedBlockProto found = find(position);
        if (found == null) {
            fetch(position);
            found = find(position);
        }
        if (found == null) {
            throw new HydraException(ErrorCode.BLOCK_MISSING, "the meta service lists no block of " + path
                    + " at offset " + position);
        }
        return found;
    }

    private LocatedBlockProto find(long position) {
        for (LocatedBlockProto b : blocks) {
            if (b.getOffset() <= position && position < b.getOffset() + blockLength(b)) {
                return b;
            }
        }
        return null;
    }

    private long blockLength(LocatedBlockProto block) {
        return block.getBlock().getBlockId() == openBlockId ? openBlockVisible : block.getBlock().getNumBytes();
    }

    private GetBlockLocationsResponse fetch(long from) throws HydraException {
        long range = Math.multiplyHigh(blockSize, options.prefetchBlocks()) != 0 ? 0  // 0 = to the end
                : blockSize * options.prefetchBlocks();
        GetBlockLocationsResponse answer = meta.getBlockLocations(path, from, range, options.clientNode());
        if (answer.getStatus().getBlockSize() > 0) {
            blockSize = answer.getStatus().getBlockSize();
        }
        blocks = answer.getBlocksList();
        return answer;
    }

    private void closeSequential() {
        if (sequential != null) {
            sequential.close();
            sequential = null;
            sequentialBlockId = -1;
        }
    }

    /** Closes the connection sequential reads keep open; the next read opens another. */
    public void releaseConnection() {
        closeSequential();
    }

    @Override
    public void close() {
        closeSequential();
    }
}
