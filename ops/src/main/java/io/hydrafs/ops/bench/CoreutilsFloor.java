package io.hydrafs.ops.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The "no distribution" floor of the MapReduce workloads: the same job done by coreutils on the
 * local input file, as the HDFS peer measures it ({@code tr | sort | uniq -c} for wordcount,
 * {@code sort} for sort, C locale, 2 threads). Run as a process through bash; its seconds are the
 * figure. Absent tools or a failure give an error instead of a figure.
 */
final class CoreutilsFloor {
    /** The outcome: seconds and the command, or the error. */
    record Result(String command, double seconds, String error) {
        boolean ok() {
            return error == null;
        }
    }

    private CoreutilsFloor() {
    }

    static String command(MrWorkload w, Path input, Path scratch) {
        String tmp = quote(scratch.toString());
        return switch (w) {
            case WORDCOUNT -> "LC_ALL=C tr -s ' ' '\\n' < " + quote(input.toString()) + " | LC_ALL=C sort --parallel=2 "
                    + "-S 4G -T " + tmp + " | LC_ALL=C uniq -c > " + quote(scratch.resolve("wordcount.txt").toString());
            case SORT -> "LC_ALL=C sort --parallel=2 -S 4G -T " + tmp + " " + quote(input.toString()) + " > "
                    + quote(scratch.resolve("sorted.txt").toString());
        };
    }

    static Result run(MrWorkload w, Path input, Path scratch, long timeoutSeconds) {
        String command = command(w, input, scratch);
        try {
            Process p = new ProcessBuilder(List.of("bash", "-o", "pipefail", "-c", command))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long t0 = System.nanoTime();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(command, 0, "did not finish within " + timeoutSeconds + " s");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return p.exitValue() == 0 ? new Result(command, seconds, null)
                    : new Result(command, seconds, "exited with code " + p.exitValue());
        } catch (IOException e) {
            return new Result(command, 0, "cannot run bash: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(command, 0, "interrupted");
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
