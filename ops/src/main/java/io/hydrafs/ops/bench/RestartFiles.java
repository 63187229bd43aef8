package io.hydrafs.ops.bench;

/**
 * Where ha.restart keeps its files: {@code count} empty files under
 * {@code <base>-ha-restart/n<count>}, at most {@value #PER_DIRECTORY} to a directory
 * ({@code d<k>/f<i>}), as a large namespace is laid out in practice, never one huge directory.
 *
 * <p>The tree lives beside the bench base, not under it, because every metadata run deletes
 * the base first and a million files are worth keeping between runs; its {@value #MARKER} file
 * is made last, so a tree without it is a half-made one (an interrupted run) to be made again.
 * The tree's name carries its count, so a run at another scale never mistakes it for its own.
 */
record RestartFiles(String base, int count) {
    static final int FULL_SCALE_FILES = 1_000_000;
    static final int PER_DIRECTORY = 10_000;
    static final String MARKER = "COMPLETE";

    RestartFiles {
        if (count < 1) {
            throw new IllegalArgumentException("at least one file, got " + count);
        }
    }

    static RestartFiles of(String base, Scale scale) {
        return new RestartFiles(base, scale.of(FULL_SCALE_FILES));
    }

    /** The parent of every size's tree. */
    String parent() {
        return base + "-ha-restart";
    }

    String root() {
        return parent() + "/n" + count;
    }

    String marker() {
        return root() + "/" + MARKER;
    }

    int directories() {
        return (count + PER_DIRECTORY - 1) / PER_DIRECTORY;
    }

    String directory(int k) {
        return root() + "/d" + k;
    }

    /** The {@code i}-th file, 0-based. */
    String file(int i) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("file " + i + " of " + count);
        }
        return directory(i / PER_DIRECTORY) + "/f" + (i % PER_DIRECTORY);
    }

    /** Files in directory {@code k}: {@value #PER_DIRECTORY}, fewer in the last. */
    int filesIn(int k) {
        return Math.min(PER_DIRECTORY, count - k * PER_DIRECTORY);
    }
}
