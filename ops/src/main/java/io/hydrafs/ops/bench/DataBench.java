package io.hydrafs.ops.bench;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The data workloads of WORKLOADS.md, done as the HDFS peer does them so the figures compare:
 * replication 3, 128 MiB blocks, the "random" input held in memory and written in 1 MiB calls,
 * the clock stopped when close() returns; reads verify every byte against the input (the
 * client verifies every chunk's CRC32C as well). data.parallel uses 4 independent clients.
 * One JSON line per workload; a failed check gives ok:false with the error.
 */
public final class DataBench {
    /** Opens a new, independent client (each caller closes its own). */
    @FunctionalInterface
    public interface Clients {
        HydraFileSystem open() throws HydraException;
    }

    static final int CALL_BYTES = 1 << 20;
    static final int PARALLEL_CLIENTS = 4;
    private static final int FULL_FILE_MIB = 1024;
    private static final int FULL_PARALLEL_MIB = 256;
    private static final long BLOCK_SIZE = 128L << 20;
    private static final int REPLICATION = 3;

    private final Clients clients;
    private final PrintWriter results;
    private final PrintWriter progress;

    public DataBench(Clients clients, PrintWriter results, PrintWriter progress) {
        this.clients = clients;
        this.results = results;
        this.progress = progress;
    }

    /**
     * Runs the workloads under {@code base}/data; returns whether every one passed. With
     * {@code warmup}, a 1/16-size file is first written and read back untimed, so the
     * blockstores' and client's data path code is compiled before the clock runs (the figures
     * are then warm-JVM ones, as WORKLOADS.md asks of the metadata workloads).
     */
    public boolean run(Scale scale, String base, Set<DataWorkload> workloads, boolean warmup) throws Exception {
        int fileBytes = (FULL_FILE_MIB / scale.divisor()) << 20;
        byte[] input = RandomInput.generate(fileBytes);
        String dir = base + "/data";
        String big = dir + "/big";
        boolean allPassed = true;
        try (HydraFileSystem fs = clients.open()) {
            fs.delete(dir, true);
            if (warmup) {
                int warmBytes = (FULL_FILE_MIB / Scale.SIXTEENTH.divisor()) << 20;
                say("warm-up: write and read " + (warmBytes >> 20) + " MiB untimed");
                writeFile(fs, dir + "/warmup", input, Math.min(warmBytes, input.length));
                readFile(fs, dir + "/warmup", input, Math.min(warmBytes, input.length));
                fs.delete(dir + "/warmup", false);
            }
            for (DataWorkload w : workloads) {
                say("running " + w.label() + " at " + scale.label() + " under " + dir);
                JsonLine line = new JsonLine().put("workload", w.label()).put("system", MetaBench.SYSTEM)
                        .put("scale", scale.label()).put("warmup", warmup);
                try {
                    switch (w) {
                        case WRITE -> write(fs, big, input, line);
                        case READ -> {
                            if (!fs.exists(big)) {
                                writeFile(fs, big, input, input.length);
                            }
                            read(fs, big, input, line);
                        }
                        case PARALLEL -> parallel(fs, dir, input, (FULL_PARALLEL_MIB / scale.divisor()) << 20, line);
                    }
                    line.put("ok", true);
                } catch (Exception e) {
                    line.put("ok", false).put("error", String.valueOf(e.getMessage()));
                    allPassed = false;
                }
                results.println(line);
                results.flush();
            }
            fs.delete(dir, true);
        }
        return allPassed;
    }

    private static void write(HydraFileSystem fs, String path, byte[] input, JsonLine line) throws Exception {
        long t0 = System.nanoTime();
        writeFile(fs, path, input, input.length);
        double s = seconds(t0);
        FileStatus st = fs.getFileStatus(path);
        rate(line, input.length, s);
        if (st.length() != input.length || st.replication() != REPLICATION) {
            throw new IOException("written file has length " + st.length() + " and replication " + st.replication());
        }
    }

    private static void read(HydraFileSystem fs, String path, byte[] input, JsonLine line) throws Exception {
        long t0 = System.nanoTime();
        long n = readFile(fs, path, input, input.length);
        rate(line, n, seconds(t0));
    }

    private void parallel(HydraFileSystem fs, String dir, byte[] input, int bytes, JsonLine line)
            throws Exception {
        List<HydraFileSystem> cl = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_CLIENTS);
        try {
            for (int i = 0; i < PARALLEL_CLIENTS; i++) {
                cl.add(clients.open());
            }
            double ws = phase(pool, i -> writeFile(cl.get(i), dir + "/par" + i, input, bytes));
            for (int i = 0; i < PARALLEL_CLIENTS; i++) {
                long len = fs.getFileStatus(dir + "/par" + i).length();
                if (len != bytes) {
                    throw new IOException("parallel file " + i + " has length " + len);
                }
            }
            double rs = phase(pool, i -> readFile(cl.get(i), dir + "/par" + i, input, bytes));
            long totalMib = (long) PARALLEL_CLIENTS * (bytes >> 20);
            line.put("clients", PARALLEL_CLIENTS).put("mib", totalMib).put("seconds", ws + rs)
                    .put("rate", 2.0 * totalMib / (ws + rs)).put("unit", "MiB/s")
                    .put("write_seconds", ws).put("write_rate", totalMib / ws)
                    .put("read_seconds", rs).put("read_rate", totalMib / rs);
        } finally {
            pool.shutdownNow();
            cl.forEach(HydraFileSystem::close);
        }
    }

    static void writeFile(HydraFileSystem fs, String path, byte[] src, int len) throws IOException {
        CreateOptions options = CreateOptions.builder().overwrite(true).replication(REPLICATION)
                .blockSizeBytes(BLOCK_SIZE).createParent(true).build();
        try (OutputStream out = fs.create(path, options)) {
            for (int off = 0; off < len; off += CALL_BYTES) {
                out.write(src, off, Math.min(CALL_BYTES, len - off));
            }
        }
    }

    /** Reads the whole file, checking its length and bytes against src. */
    static long readFile(HydraFileSystem fs, String path, byte[] src, int len) throws IOException {
        byte[] buf = new byte[CALL_BYTES];
        long pos = 0;
        try (InputStream in = fs.open(path)) {
            while (true) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    break;
                }
                if (pos + n > len || !Arrays.equals(buf, 0, n, src, (int) pos, (int) pos + n)) {
                    throw new IOException("content mismatch at byte " + pos + " of " + path);
                }
                pos += n;
            }
        }
        if (pos != len) {
            throw new IOException("read " + pos + " bytes of " + path + ", expected " + len);
        }
        return pos;
    }

    @FunctionalInterface
    private interface ClientTask {
        void run(int client) throws Exception;
    }

    /** Runs the task on every client at once (released together); returns the seconds until all finished. */
    private static double phase(ExecutorService pool, ClientTask task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(PARALLEL_CLIENTS + 1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < PARALLEL_CLIENTS; i++) {
            int client = i;
            running.add(pool.submit(() -> {
                start.await();
                task.run(client);
                return null;
            }));
        }
        start.await();
        long t0 = System.nanoTime();
        for (Future<?> f : running) {
            f.get();
        }
        return seconds(t0);
    }

    private static void rate(JsonLine line, long bytes, double seconds) {
        long mib = bytes >> 20;
        line.put("mib", mib).put("seconds", seconds).put("rate", bytes / 1048576.0 / seconds).put("unit", "MiB/s");
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private void say(String text) {
        progress.println("hydra bench: " + text);
        progress.flush();
    }

}
