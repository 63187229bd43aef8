package io.hydrafs.ops.bench;

/**
 * Builds the {@link MetaBenchTarget} a benchmark run drives, e.g. a client SDK connected to the
 * meta nodes named in {@link BenchOptions#metaAddresses()}. Called once per run; the run closes
 * what it returns.
 */
@FunctionalInterface
public interface MetaBenchTargetFactory {
    MetaBenchTarget open(BenchOptions options) throws Exception;
}
