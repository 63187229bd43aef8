package io.hydrafs.ops.bench;

/**
 * The metadata calls the benchmark makes, and nothing else, so the benchmark does not depend
 * on the client SDK's surface. The integrator adapts {@code io.hydrafs.client.HydraFileSystem}
 * to it; tests use an in-memory fake.
 *
 * <p>Contract:
 * <ul>
 *   <li>One instance is shared by all benchmark threads at once (as the HDFS peer shares one
 *       {@code DistributedFileSystem}), so every method must be thread-safe.</li>
 *   <li>Each method is one logical file system operation done synchronously: when it returns
 *       normally the operation succeeded and is acknowledged as the SDK would acknowledge it to
 *       an application. A method never reports failure by a return value: a call that did not
 *       do what its name says throws (any exception; a {@code HydraException} is preferred).</li>
 *   <li>Paths are absolute, '/'-separated, without a trailing slash.</li>
 * </ul>
 */
// close() keeps AutoCloseable's "throws Exception": an adapter may fail to close in any way, and the
// run only reports it. javac's "try" lint flags that this includes InterruptedException.
@SuppressWarnings("try")
public interface MetaBenchTarget extends AutoCloseable {

    /** Creates the directory and any missing parents; an existing directory is not an error. */
    void mkdirs(String path) throws Exception;

    /**
     * Creates an empty file with overwrite=false, then closes it: two metadata calls (create,
     * complete), as HDFS's {@code create(path, false).close()}. Throws if the file exists.
     */
    void createEmptyFile(String path) throws Exception;

    /** getFileStatus of a file (the workload stats files only); throws if it is missing or a directory. */
    void stat(String path) throws Exception;

    /** Lists the directory completely (every page) and returns the number of entries. */
    int list(String dir) throws Exception;

    /** Renames src to dst; throws if it did not rename (e.g. src missing, dst exists). */
    void rename(String src, String dst) throws Exception;

    /** Deletes a file or an empty directory, non-recursively; throws if it did not delete. */
    void delete(String path) throws Exception;

    /**
     * Deletes the path and everything below it; a path that does not exist is not an error.
     * Used only between rounds, never timed.
     */
    void deleteRecursive(String path) throws Exception;
}
