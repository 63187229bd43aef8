package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.List;

/**
 * Everything a benchmark run is told from outside: where the meta service is, how big the run
 * is, and where in the namespace it may work. {@link #validate()} checks untrusted values once,
 * at the edge; the run itself assumes valid options.
 *
 * <p>{@code base} and {@code warmupBase} are deleted recursively by the run, so they must be
 * real, distinct subtrees: never "/" and never one inside the other.
 *
 * @param metaAddresses meta nodes' client endpoints as host:port; empty = the factory's default
 * @param scale         size of the timed workloads
 * @param threads       client threads of the parallel workloads (8 in WORKLOADS.md)
 * @param base          directory the timed workloads work under
 * @param warmup        whether to run an untimed round before the timed workloads
 * @param warmupScale   size of that round (1/16 in WORKLOADS.md; never larger than {@code scale})
 * @param warmupBase    directory the warm-up round works under
 */
public record BenchOptions(List<String> metaAddresses, Scale scale, int threads, String base,
                           boolean warmup, Scale warmupScale, String warmupBase) {
    public static final String DEFAULT_BASE = "/bench";
    public static final String DEFAULT_WARMUP_BASE = "/warmup";
    public static final int MAX_THREADS = 1024;

    public BenchOptions {
        metaAddresses = List.copyOf(metaAddresses);
    }

    /** WORKLOADS.md's defaults: 1/16 scale, 8 threads, /bench, with a 1/16 warm-up under /warmup. */
    public static BenchOptions defaults() {
        return new BenchOptions(List.of(), Scale.SIXTEENTH, MetaCounts.DEFAULT_THREADS, DEFAULT_BASE,
                true, Scale.SIXTEENTH, DEFAULT_WARMUP_BASE);
    }

    public BenchOptions withScale(Scale s) {
        return new BenchOptions(metaAddresses, s, threads, base, warmup, warmupScale, warmupBase);
    }

    public BenchOptions withWarmup(boolean on) {
        return new BenchOptions(metaAddresses, scale, threads, base, on, warmupScale, warmupBase);
    }

    public BenchOptions withBase(String dir) {
        return new BenchOptions(metaAddresses, scale, threads, dir, warmup, warmupScale, warmupBase);
    }

    public BenchOptions withThreads(int n) {
        return new BenchOptions(metaAddresses, scale, n, base, warmup, warmupScale, warmupBase);
    }

    /** The counts of the timed round. */
    public MetaCounts timedCounts() {
        return MetaCounts.of(scale, threads);
    }

    /** The counts of the warm-up round: its scale, but never more work than the timed round. */
    public MetaCounts warmupCounts() {
        return MetaCounts.of(warmupScale.atMost(scale), threads);
    }

    /** Rejects options the run must not act on; returns this for chaining. */
    public BenchOptions validate() throws HydraException {
        if (threads < 1 || threads > MAX_THREADS) {
            throw invalid("threads must be in [1, " + MAX_THREADS + "], got " + threads);
        }
        for (String a : metaAddresses) {
            validateHostPort(a);
        }
        validateWorkDir("base", base);
        validateWorkDir("warm-up base", warmupBase);
        if (within(base, warmupBase) || within(warmupBase, base)) {
            throw invalid("base " + base + " and warm-up base " + warmupBase + " must not contain each other");
        }
        return this;
    }

    private static boolean within(String dir, String other) {
        return other.equals(dir) || other.startsWith(dir + "/");
    }

    private static void validateWorkDir(String what, String dir) throws HydraException {
        if (dir == null || !dir.startsWith("/") || dir.equals("/") || dir.endsWith("/")) {
            throw invalid(what + " '" + dir + "' must be an absolute path other than / without a trailing slash");
        }
        for (String part : dir.substring(1).split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw invalid(what + " '" + dir + "' has an empty, '.' or '..' component");
            }
        }
    }

    static void validateHostPort(String address) throws HydraException {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1 || address.chars().anyMatch(Character::isWhitespace)) {
            throw invalid("meta address '" + address + "' is not host:port");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw invalid("meta address '" + address + "' has a port outside [1, 65535]");
            }
        } catch (NumberFormatException e) {
            throw invalid("meta address '" + address + "' has a non-numeric port");
        }
    }

    private static HydraException invalid(String message) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
