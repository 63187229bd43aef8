package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.GetBlockLocationsRequest;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;

/**
 * getBlockLocations: the file's status and its blocks that overlap [offset, offset + length),
 * each with its offset in the file; length 0 means "to the end of the file". A block of 0 bytes
 * (the one being written) is included when the range starts at or before it. Needs READ on the
 * file. Targets stay empty: where replicas live is soft state the caller fills in.
 *
 * <p>Unlike HDFS this does not update the access time: reads never write.
 */
final class BlockLocationsOp {
    private BlockLocationsOp() {
    }

    static GetBlockLocationsResponse apply(OpContext ctx, GetBlockLocationsRequest req) throws HydraException {
        // uint64 on the wire: negative longs are ranges beyond 2^63
        if (req.getOffset() < 0 || req.getLength() < 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "getBlockLocations of " + req.getPath()
                    + ": offset " + Long.toUnsignedString(req.getOffset()) + " or length "
                    + Long.toUnsignedString(req.getLength()) + " is too large");
        }
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto file = OpenFiles.requireFile(rp);
        ctx.access.check(file, rp.path(), Access.READ);

        long from = req.getOffset();
        long to = req.getLength() == 0 ? Long.MAX_VALUE : saturatedAdd(from, req.getLength());
        GetBlockLocationsResponse.Builder out = GetBlockLocationsResponse.newBuilder()
                .setStatus(FileStatuses.of(file, rp.path()));
        long start = 0;
        for (BlockProto b : file.getBlocksList()) {
            long end = start + b.getNumBytes();
            if (start < to && (end > from || start == from)) {
                out.addBlocks(LocatedBlockProto.newBuilder().setBlock(b).setOffset(start));
            }
            start = end;
        }
        return out.build();
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
