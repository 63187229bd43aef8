package io.hydrafs.ops.quickstart;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraInputStream;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.LocatedBlockProto;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A {@link FileSet} through the data path: written block by block through the replication
 * pipeline, read back and compared byte for byte, then read back again after the blockstore
 * that readers are sent to first for most blocks was crashed, so that those reads have to
 * fail over to another replica by themselves; then that blockstore is started again.
 *
 * <p>Every difference, short file or failed read is a problem (the tour goes on with the
 * next file); {@link #run} and {@link #readBack} return them, and any problem fails the
 * quickstart. The MiB/s it prints time one single-threaded client on a machine the cluster
 * shares: a figure for the tour, not a benchmark.
 */
final class FileSetTour {
    static final String BASE = "/quickstart/files";
    private static final int BUFFER_BYTES = 64 << 10;

    /** The blockstores the tour may crash: processes of a local cluster, or a MiniCluster's nodes in tests. */
    interface Blockstores {
        /** Crashes blockstore {@code id} at once (its replicas stay on its disk); returns its name for the story. */
        String crash(String id) throws HydraException;

        /** Starts blockstore {@code id} again on its data; returns once it serves. */
        void restart(String id) throws HydraException;
    }

    private final HydraFileSystem fs;
    private final FileSet set;
    private final int replication;
    private final PrintWriter out;

    FileSetTour(HydraFileSystem fs, FileSet set, int replication, PrintWriter out) {
        this.fs = fs;
        this.set = set;
        this.replication = replication;
        this.out = out;
    }

    /** Writes, reads back, crashes a blockstore, reads back, restarts it; returns the problems found. */
    List<String> run(Blockstores blockstores) throws HydraException {
        List<String> problems = new ArrayList<>();
        try {
            write();
        } catch (HydraException e) {
            problems.add(problem("writing the file set failed: " + e.getMessage()));
            return problems;
        }
        problems.addAll(readBack(""));
        Map<String, Integer> firsts = firstReplicas();
        if (firsts.isEmpty()) {
            problems.add(problem("no block of " + set.base() + " has a replica to read"));
            return problems;
        }
        String victim = busiest(firsts);
        say("readers are sent first to " + victim + " for " + firsts.get(victim) + " of " + set.totalBlocks() + " blocks"
                + (firsts.size() > 1 ? " (" + firsts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining(", ")) + ")" : ""));
        say("killed " + blockstores.crash(victim) + " with SIGKILL");
        problems.addAll(readBack(" with " + victim + " down"));
        if (problems.isEmpty()) {
            say("every read of a block on " + victim + " failed over to another replica by itself");
        }
        long t0 = System.nanoTime();
        blockstores.restart(victim);
        say("restarted " + victim + " on its data in " + seconds(System.nanoTime() - t0));
        return problems;
    }

    /** Writes every file of the set (the set's directory is emptied first). */
    void write() throws HydraException {
        fs.delete(set.base(), true);   // a leftover of a run on a kept cluster; false if absent
        fs.mkdirs(set.base());
        CreateOptions options = CreateOptions.builder().blockSizeBytes(set.blockSizeBytes()).replication(replication)
                .overwrite(false).build();
        byte[] buf = new byte[BUFFER_BYTES];
        long t0 = System.nanoTime();
        for (int f = 0; f < set.size(); f++) {
            try (HydraOutputStream stream = fs.create(set.path(f), options)) {
                for (long pos = 0; pos < set.length(f); ) {
                    int n = (int) Math.min(buf.length, set.length(f) - pos);
                    FileSet.fill(f, pos, buf, 0, n);
                    stream.write(buf, 0, n);
                    pos += n;
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        LongSummaryStatistics lengths = set.lengths().stream().mapToLong(Long::longValue).summaryStatistics();
        say(String.format(Locale.ROOT, "wrote %d files of %d B to %s, %s in all (%d blocks of %s, %d replicas each), "
                        + "in %s: %s", set.size(), lengths.getMin(), mib(lengths.getMax()), mib(set.totalBytes()),
                set.totalBlocks(), mib(set.blockSizeBytes()), replication, seconds(nanos), rate(set.totalBytes(), nanos)));
        say("(MiB/s here: one client thread on the cores the cluster shares; a tour figure, not a benchmark)");
    }

    /**
     * Reads every file and compares it with what was written; says how it went, {@code when}
     * completing "read back every file" (" after the leader's crash"). Returns this pass's problems.
     */
    List<String> readBack(String when) {
        List<String> problems = new ArrayList<>();
        long bytes = 0;
        long t0 = System.nanoTime();
        for (int f = 0; f < set.size(); f++) {
            bytes += verify(f, problems);
        }
        long nanos = System.nanoTime() - t0;
        String how = problems.isEmpty() ? "every byte as written" : problems.size() + " FILES DIFFER OR FAILED";
        say(String.format(Locale.ROOT, "read back every file%s in %s (%s, checksums verified): %s", when, seconds(nanos),
                rate(bytes, nanos), how));
        return problems;
    }

    /** Reads file {@code f}, adding a problem at the first difference; returns the bytes read. */
    private long verify(int f, List<String> problems) {
        String path = set.path(f);
        long expected = set.length(f);
        long pos = 0;
        try (HydraInputStream in = fs.open(path)) {
            if (in.length() != expected) {
                problems.add(problem(path + " has " + in.length() + " bytes, not " + expected));
                return 0;
            }
            byte[] got = new byte[BUFFER_BYTES];
            byte[] want = new byte[BUFFER_BYTES];
            for (int n = in.read(got, 0, got.length); n >= 0; n = in.read(got, 0, got.length)) {
                if (pos + n > expected) {
                    problems.add(problem(path + " reads past its length " + expected));
                    return pos;
                }
                FileSet.fill(f, pos, want, 0, n);
                int diff = Arrays.mismatch(got, 0, n, want, 0, n);
                if (diff >= 0) {
                    problems.add(problem(path + ": byte " + (pos + diff) + " is not what was written"));
                    return pos + n;
                }
                pos += n;
            }
            if (pos != expected) {
                problems.add(problem(path + ": the read ended at byte " + pos + " of " + expected));
            }
        } catch (HydraException e) {
            problems.add(problem(path + ": reading failed at byte " + pos + ": " + e.getMessage()));
        }
        return pos;
    }

    /** For each blockstore, of how many blocks it is the replica the meta service lists first, by id. */
    private Map<String, Integer> firstReplicas() throws HydraException {
        Map<String, Integer> firsts = new TreeMap<>();
        for (int f = 0; f < set.size(); f++) {
            if (set.length(f) == 0) {
                continue;
            }
            for (LocatedBlockProto block : fs.meta().getBlockLocations(set.path(f), 0, set.length(f)).getBlocksList()) {
                if (block.getTargetsCount() > 0) {
                    firsts.merge(block.getTargets(0), 1, Integer::sum);
                }
            }
        }
        return firsts;
    }

    /** The most frequent first replica; the lowest id on a tie, so the choice is repeatable. */
    static String busiest(Map<String, Integer> firsts) {
        String best = null;
        for (Map.Entry<String, Integer> e : new TreeMap<>(firsts).entrySet()) {
            if (best == null || e.getValue() > firsts.get(best)) {
                best = e.getKey();
            }
        }
        return best;
    }

    private String problem(String problem) {
        say("PROBLEM: " + problem);
        return problem;
    }

    private void say(String line) {
        out.println("      " + line);
        out.flush();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) FileSet.MIB);
    }

    private static String rate(long bytes, long nanos) {
        return String.format(Locale.ROOT, "%.1f MiB/s", bytes / (double) FileSet.MIB / Math.max(nanos, 1) * 1e9);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
