package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file system that lives in a ConcurrentHashMap, with HDFS-like rules (parents must exist,
 * create does not overwrite, non-recursive delete refuses a non-empty directory). Reads are
 * lock-free; mutations are serialized, which is all a fake needs. Subclass it and override a
 * method to inject a fault.
 */
public class InMemoryMetaTarget implements MetaBenchTarget {
    private final Map<String, Boolean> isDirectory = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> children = new ConcurrentHashMap<>();
    private final Set<String> everExisted = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public InMemoryMetaTarget() {
        isDirectory.put("/", true);
        children.put("/", ConcurrentHashMap.newKeySet());
    }

    @Override
    public synchronized void mkdirs(String path) throws Exception {
        String at = "";
        for (String part : path.substring(1).split("/")) {
            at = at + "/" + part;
            Boolean dir = isDirectory.get(at);
            if (dir == null) {
                add(at, true);
            } else if (!dir) {
                throw new HydraException(ErrorCode.PARENT_NOT_DIRECTORY, at);
            }
        }
    }

    @Override
    public synchronized void createEmptyFile(String path) throws Exception {
        if (isDirectory.containsKey(path)) {
            throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, path);
        }
        requireDirectory(parent(path));
        add(path, false);
    }

    @Override
    public void stat(String path) throws Exception {
        Boolean dir = isDirectory.get(path);
        if (dir == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, path);
        }
        if (dir) {
            throw new HydraException(ErrorCode.IS_A_DIRECTORY, path + " is not a file");
        }
    }

    @Override
    public int list(String dir) throws Exception {
        requireDirectory(dir);
        return children.get(dir).size();
    }

    @Override
    public synchronized void rename(String src, String dst) throws Exception {
        Boolean dir = isDirectory.get(src);
        if (dir == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, src);
        }
        if (dir) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "the fake renames files only: " + src);
        }
        if (isDirectory.containsKey(dst)) {
            throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, dst);
        }
        requireDirectory(parent(dst));
        remove(src);
        add(dst, false);
    }

    @Override
    public synchronized void delete(String path) throws Exception {
        Boolean dir = isDirectory.get(path);
        if (dir == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, path);
        }
        if (dir && !children.get(path).isEmpty()) {
            throw new HydraException(ErrorCode.DIRECTORY_NOT_EMPTY, path);
        }
        remove(path);
    }

    @Override
    public synchronized void deleteRecursive(String path) throws Exception {
        if (!isDirectory.containsKey(path)) {
            return;
        }
        isDirectory.keySet().removeIf(p -> p.startsWith(path + "/"));
        children.keySet().removeIf(p -> p.startsWith(path + "/"));
        remove(path);
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean exists(String path) {
        return isDirectory.containsKey(path);
    }

    /** Whether the path existed at any moment, e.g. a warm-up directory removed since. */
    public boolean everExisted(String path) {
        return everExisted.contains(path);
    }

    public boolean isClosed() {
        return closed;
    }

    private void add(String path, boolean dir) {
        isDirectory.put(path, dir);
        if (dir) {
            children.put(path, ConcurrentHashMap.newKeySet());
        }
        children.get(parent(path)).add(path);
        everExisted.add(path);
    }

    private void remove(String path) {
        isDirectory.remove(path);
        children.remove(path);
        children.get(parent(path)).remove(path);
    }

    private void requireDirectory(String dir) throws HydraException {
        Boolean isDir = isDirectory.get(dir);
        if (isDir == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, dir);
        }
        if (!isDir) {
            throw new HydraException(ErrorCode.NOT_A_DIRECTORY, dir);
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
