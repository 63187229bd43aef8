package io.hydrafs.hadoop;

import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.apache.hadoop.fs.BlockLocation;

import java.util.List;

/**
 * The meta service's located blocks as Hadoop's {@link BlockLocation}s: one per block, its
 * offset and length in the file, and the blockstores holding it (names {@code host:port}, hosts,
 * racks as {@code /rack/host}), nearest first as the meta service ordered them.
 */
final class BlockLocations {
    private BlockLocations() {
    }

    static BlockLocation[] of(GetBlockLocationsResponse response) {
        List<LocatedBlockProto> blocks = response.getBlocksList();
        BlockLocation[] out = new BlockLocation[blocks.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = of(blocks.get(i));
        }
        return out;
    }

    static BlockLocation of(LocatedBlockProto block) {
        List<BlockstoreLocation> at = block.getLocationsList();
        String[] names = new String[at.size()];
        String[] hosts = new String[at.size()];
        String[] topology = new String[at.size()];
        for (int i = 0; i < names.length; i++) {
            BlockstoreLocation l = at.get(i);
            names[i] = l.getHost() + ":" + l.getDataPort();
            hosts[i] = l.getHost();
            String rack = l.getRack().isEmpty() ? "/default-rack" : l.getRack();
            topology[i] = (rack.startsWith("/") ? rack : "/" + rack) + "/" + names[i];
        }
        return new BlockLocation(names, hosts, topology, block.getOffset(), block.getBlock().getNumBytes(),
                block.getCorrupt());
    }
}
