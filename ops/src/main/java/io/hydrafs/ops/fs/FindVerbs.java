package io.hydrafs.ops.fs;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;

/**
 * {@code hydra fs find}, as {@code hdfs dfs -find PATH... -name|-iname PATTERN}: every path at
 * or below each PATH whose last component matches the glob, one per line, each directory before
 * its entries. No pattern matches everything.
 */
public final class FindVerbs {
    private final FsSession session;

    public FindVerbs(FsSession session) {
        this.session = session;
    }

    /** Prints each match; {@code ignoreCase} is {@code -iname}, {@code pattern} null is no test. */
    public void find(List<String> paths, String pattern, boolean ignoreCase) {
        PathMatcher matcher = pattern == null ? null : matcher(pattern, ignoreCase);
        FsTree.forEachTarget(session, paths, true, s -> {
            String name = s.name().isEmpty() ? "/" : s.name();
            if (matcher == null || matcher.matches(Path.of(ignoreCase ? name.toLowerCase(Locale.ROOT) : name))) {
                session.println(s.path());
            }
        });
    }

    /** IllegalArgumentException for a pattern that cannot match a name (null is no pattern). */
    public static void check(String pattern) {
        if (pattern != null) {
            matcher(pattern, false);
        }
    }

    static PathMatcher matcher(String pattern, boolean ignoreCase) {
        if (pattern.contains("/")) {
            throw new IllegalArgumentException("a -name pattern matches one path component: no '/' in " + pattern);
        }
        String glob = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}
