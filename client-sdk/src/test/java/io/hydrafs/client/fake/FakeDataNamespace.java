package io.hydrafs.client.fake;

import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AddBlockResponse;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import io.hydrafs.protocol.meta.UpdatePipelineResponse;

import java.util.ArrayList;
import java.util.List;

import static io.hydrafs.client.fake.FakeMetaCluster.payload;

/**
 * The block side of one file in a {@link FakeMetaCluster}: create, addBlock (placing on
 * {@link #pipeline}, minus excluded nodes), complete, abandonBlock, updatePipeline (stamp + 1),
 * getBlockLocations (every block, replicas in {@link #readOrder}) and reportBadReplica. Blocks
 * get ids from 1000 and stamp 1. Synchronized: handlers run on the client's threads.
 */
public final class FakeDataNamespace {
    private final String path;
    private final long blockSize;
    private final List<BlockProto> blocks = new ArrayList<>();
    private List<FakeBlockstore> pipeline = List.of();
    private List<FakeBlockstore> readOrder;
    private boolean underConstruction;
    private long nextBlockId = 1000;

    public FakeDataNamespace(FakeMetaCluster cluster, String path, long blockSize) {
        this.path = path;
        this.blockSize = blockSize;
        cluster.handle(MetaMethods.CREATE, (a, r) -> create());
        cluster.handle(MetaMethods.ADD_BLOCK, (a, r) -> addBlock(payload(r, AddBlockRequest.parser())));
        cluster.handle(MetaMethods.COMPLETE, (a, r) -> complete(payload(r, CompleteRequest.parser())));
        cluster.handle(MetaMethods.ABANDON_BLOCK, (a, r) -> abandon());
        cluster.handle(MetaMethods.UPDATE_PIPELINE, (a, r) -> updatePipeline(payload(r, UpdatePipelineRequest.parser())));
        cluster.handle(MetaMethods.GET_BLOCK_LOCATIONS, (a, r) -> locations());
        cluster.handle(MetaMethods.APPEND, (a, r) -> append());
        cluster.respond(MetaMethods.REPORT_BAD_REPLICA, EmptyResponse.getDefaultInstance());
        cluster.respond(MetaMethods.RENEW_LEASE, EmptyResponse.getDefaultInstance());
    }

    /** Where addBlock places new blocks (pipeline order). */
    public synchronized void pipeline(FakeBlockstore... nodes) {
        pipeline = List.of(nodes);
    }

    /** The replica order getBlockLocations answers (default: the pipeline's). */
    public synchronized void readOrder(FakeBlockstore... nodes) {
        readOrder = List.of(nodes);
    }

    /** A closed file made of these blocks (their replicas are put by the test). */
    public synchronized void existingFile(List<BlockProto> fileBlocks) {
        blocks.clear();
        blocks.addAll(fileBlocks);
        underConstruction = false;
    }

    public synchronized List<BlockProto> blocks() {
        return List.copyOf(blocks);
    }

    public synchronized boolean underConstruction() {
        return underConstruction;
    }

    private synchronized FileStatusProto status() {
        long length = blocks.stream().mapToLong(BlockProto::getNumBytes).sum();
        return FileStatusProto.newBuilder().setPath(path).setType(InodeType.FILE).setReplication(3)
                .setBlockSize(blockSize).setLength(length).setUnderConstruction(underConstruction)
                .setPermission(0644).setOwner("alice").setGroup("staff").build();
    }

    private synchronized CreateResponse create() {
        blocks.clear();
        underConstruction = true;
        return CreateResponse.newBuilder().setStatus(status()).build();
    }

    private synchronized AddBlockResponse addBlock(AddBlockRequest request) {
        if (request.hasPrevious()) {
            blocks.set(blocks.size() - 1, request.getPrevious());
        }
        long offset = blocks.stream().mapToLong(BlockProto::getNumBytes).sum();
        BlockProto block = BlockProto.newBuilder().setBlockId(nextBlockId++).setGenerationStamp(1).build();
        blocks.add(block);
        List<FakeBlockstore> placed = pipeline.stream()
                .filter(n -> !request.getExcludedNodesList().contains(n.id())).toList();
        return AddBlockResponse.newBuilder().setBlock(located(block, offset, placed)).build();
    }

    private synchronized CompleteResponse complete(CompleteRequest request) {
        if (request.hasLast()) {
            blocks.set(blocks.size() - 1, request.getLast());
        }
        underConstruction = false;
        return CompleteResponse.newBuilder().setCompleted(true).build();
    }

    private synchronized EmptyResponse abandon() {
        blocks.remove(blocks.size() - 1);
        return EmptyResponse.getDefaultInstance();
    }

    private synchronized UpdatePipelineResponse updatePipeline(UpdatePipelineRequest request) {
        BlockProto last = blocks.get(blocks.size() - 1).toBuilder()
                .setGenerationStamp(request.getBlock().getGenerationStamp() + 1).build();
        blocks.set(blocks.size() - 1, last);
        List<FakeBlockstore> survivors = pipeline.stream().filter(n -> request.getTargetsList().contains(n.id())).toList();
        return UpdatePipelineResponse.newBuilder().setBlock(located(last, 0, survivors)).build();
    }

    // a partial last block gets a new stamp and comes back with the pipeline's nodes
    private synchronized AppendResponse append() {
        underConstruction = true;
        AppendResponse.Builder out = AppendResponse.newBuilder().setStatus(status());
        if (!blocks.isEmpty() && blocks.get(blocks.size() - 1).getNumBytes() < blockSize) {
            BlockProto last = blocks.get(blocks.size() - 1);
            last = last.toBuilder().setGenerationStamp(last.getGenerationStamp() + 1).build();
            blocks.set(blocks.size() - 1, last);
            long offset = blocks.stream().mapToLong(BlockProto::getNumBytes).sum() - last.getNumBytes();
            out.setLast(located(last, offset, pipeline));
        }
        return out.build();
    }

    private synchronized GetBlockLocationsResponse locations() {
        GetBlockLocationsResponse.Builder out = GetBlockLocationsResponse.newBuilder().setStatus(status());
        long offset = 0;
        for (BlockProto b : blocks) {
            out.addBlocks(located(b, offset, readOrder != null ? readOrder : pipeline));
            offset += b.getNumBytes();
        }
        return out.build();
    }

    private static LocatedBlockProto located(BlockProto block, long offset, List<FakeBlockstore> nodes) {
        LocatedBlockProto.Builder b = LocatedBlockProto.newBuilder().setBlock(block).setOffset(offset);
        for (FakeBlockstore n : nodes) {
            BlockstoreLocation location = n.location();
            b.addTargets(location.getId()).addLocations(location);
        }
        return b.build();
    }
}
