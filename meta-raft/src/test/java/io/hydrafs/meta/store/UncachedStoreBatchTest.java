package io.hydrafs.meta.store;

/** The batch contract again, every get through RocksDB's batch index. */
class UncachedStoreBatchTest extends StoreBatchTest {
    @Override
    int cacheEntries() {
        return 0;
    }
}
