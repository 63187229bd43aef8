package io.hydrafs.ops.fs;

import io.hydrafs.client.ContentSummary;
import io.hydrafs.client.FileStatus;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ls} and {@code du}: what is in the namespace and how big it is, in the formats of
 * {@code hdfs dfs -ls} ({@link ListingFormat}) and {@code hdfs dfs -du}.
 */
public final class ListVerbs {
    private final FsSession session;
    private final ZoneId zone;

    public ListVerbs(FsSession session, ZoneId zone) {
        this.session = session;
        this.zone = zone;
    }

    /**
     * A file lists as its own line; a directory as "Found N items" and one line per entry
     * (no header when recursive, as HDFS). Recursive: each subdirectory's entries follow its line.
     *
     * @param directoriesAsEntries list a directory as a plain entry, not its contents ({@code -d})
     */
    public void ls(List<String> paths, boolean recursive, boolean directoriesAsEntries, boolean human) {
        ListingFormat format = new ListingFormat(zone, human);
        session.forEach(paths, path -> {
            FileStatus status = session.fs().getFileStatus(session.resolve(path));
            if (status.isFile() || directoriesAsEntries) {
                format.lines(List.of(status)).forEach(session::println);
                return;
            }
            List<FileStatus> entries = session.list(status.path());
            if (!recursive && !entries.isEmpty()) {
                session.println("Found " + entries.size() + " item" + (entries.size() == 1 ? "" : "s"));
            }
            printBatch(format, entries, recursive);
        });
    }

    private void printBatch(ListingFormat format, List<FileStatus> entries, boolean recursive) {
        List<String> lines = format.lines(entries);
        for (int i = 0; i < entries.size(); i++) {
            session.println(lines.get(i));
            FileStatus entry = entries.get(i);
            if (recursive && entry.isDirectory()) {
                try {
                    printBatch(format, session.list(entry.path()), true);
                } catch (IOException e) {
                    session.fail(entry.path(), e);
                }
            }
        }
    }

    /**
     * Lines of "length  space consumed (all replicas)  path": one per entry of a directory, or
     * one for the path itself when {@code summary} or when it is a file.
     */
    public void du(List<String> paths, boolean summary, boolean human) {
        session.forEach(paths, path -> {
            FileStatus status = session.fs().getFileStatus(session.resolve(path));
            List<FileStatus> targets = summary || status.isFile() ? List.of(status) : session.list(status.path());
            List<String[]> rows = new ArrayList<>();
            for (FileStatus target : targets) {
                ContentSummary s = PathFailure.at(target.path(), () -> session.fs().getContentSummary(target.path()));
                rows.add(new String[] {SizeFormat.bytes(s.length(), human), SizeFormat.bytes(s.spaceConsumed(), human),
                        target.path()});
            }
            duLines(rows).forEach(session::println);
        });
    }

    /** Columns left-aligned and two blanks apart, as {@code hdfs dfs -du} prints them. */
    static List<String> duLines(List<String[]> rows) {
        int lengthWidth = 0;
        int spaceWidth = 0;
        for (String[] row : rows) {
            lengthWidth = Math.max(lengthWidth, row[0].length());
            spaceWidth = Math.max(spaceWidth, row[1].length());
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            lines.add(ListingFormat.padRight(row[0], lengthWidth) + "  " + ListingFormat.padRight(row[1], spaceWidth)
                    + "  " + row[2]);
        }
        return lines;
    }
}
