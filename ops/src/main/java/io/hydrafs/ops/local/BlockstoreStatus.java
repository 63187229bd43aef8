package io.hydrafs.ops.local;

/**
 * One blockstore as {@code hydra cluster status} shows it. A blockstore answers no RPC, so
 * what this side knows is its process; whether the meta leader counts it live is in the
 * leader's {@link NodeStatus}.
 *
 * @param id          blockstore id (b1, b2, ...)
 * @param dataAddress host:port of its data transfer server
 * @param pid         process id, or -1 when no process runs
 */
public record BlockstoreStatus(String id, String dataAddress, long pid) {
    public boolean alive() {
        return pid > 0;
    }
}
