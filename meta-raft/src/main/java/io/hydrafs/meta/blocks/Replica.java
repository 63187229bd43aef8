package io.hydrafs.meta.blocks;

/** One blockstore's replica of a block, as last reported. */
record Replica(String blockstoreId, long generationStamp, long numBytes, boolean finalized, boolean corrupt) {

    Replica markCorrupt() {
        return new Replica(blockstoreId, generationStamp, numBytes, finalized, true);
    }
}
