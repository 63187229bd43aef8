package io.hydrafs.ops.fs;

import io.hydrafs.client.HydraInputStream;

import java.util.List;

/** {@code cat}, {@code head} and {@code tail}: file bytes to stdout, unchanged. */
public final class ReadVerbs {
    /** How much of the end of a file {@code tail} prints, as {@code hdfs dfs -tail}. */
    public static final int TAIL_BYTES = 1024;

    private final FsSession session;

    public ReadVerbs(FsSession session) {
        this.session = session;
    }

    /** Each file's bytes in turn; a directory is "Is a directory". */
    public void cat(List<String> paths) {
        session.forEach(paths, path -> {
            try (HydraInputStream in = session.fs().open(session.resolve(path))) {
                session.copyToData(in);
            }
        });
    }

    /** The first {@link #TAIL_BYTES} bytes of the file (all of a shorter one), as {@code hdfs dfs -head}. */
    public void head(String path) {
        session.forEach(List.of(path), p -> {
            try (HydraInputStream in = session.fs().open(session.resolve(p))) {
                session.copyToData(new java.io.ByteArrayInputStream(in.readNBytes(TAIL_BYTES)));
            }
        });
    }

    /** The last {@link #TAIL_BYTES} bytes of the file (all of a shorter one). */
    public void tail(String path) {
        session.forEach(List.of(path), p -> {
            try (HydraInputStream in = session.fs().open(session.resolve(p))) {
                in.seek(Math.max(0, in.length() - TAIL_BYTES));
                session.copyToData(in);
            }
        });
    }
}
