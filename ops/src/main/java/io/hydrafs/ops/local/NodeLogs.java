package io.hydrafs.ops.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Picks the line of a node's log that best explains why it stopped, for one-line errors such
 * as "m2 exited with code 1 while starting: ...BindException: Address already in use". Only
 * the node's latest run counts (the log is appended to across restarts; each run starts with
 * a line beginning {@value #RUN_MARKER}). The root cause of a Java failure is its last
 * "Caused by:" line; failing that, the last ERROR or exception line; failing that (the JVM
 * itself refused to start, e.g. an unknown flag), the run's first two lines.
 */
final class NodeLogs {
    private static final int TAIL_BYTES = 64 * 1024;
    private static final int MAX_LINE_CHARS = 300;
    static final String RUN_MARKER = "==== ";

    private NodeLogs() {
    }

    /** The explaining line of the log's tail, or "" if the log is empty or unreadable. */
    static String explainingLine(Path logFile) {
        try (RandomAccessFile f = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, f.length() - TAIL_BYTES);
            byte[] tail = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(tail);
            return explainingLine(new String(tail, StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            return "";
        }
    }

    static String explainingLine(List<String> log) {
        List<String> lines = log;
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).startsWith(RUN_MARKER)) {
                lines = log.subList(i + 1, log.size());
                break;
            }
        }
        String found = lastMatching(lines, "Caused by:");
        if (found == null) {
            found = lastMatching(lines, " ERROR ");
        }
        if (found == null) {
            found = lastMatching(lines, "Exception");
        }
        if (found == null) {
            found = String.join(" / ", lines.stream().filter(l -> !l.isBlank()).limit(2).toList());
        }
        String line = found.strip();
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + "...";
    }

    private static String lastMatching(List<String> lines, String marker) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(marker)) {
                return lines.get(i);
            }
        }
        return null;
    }
}
