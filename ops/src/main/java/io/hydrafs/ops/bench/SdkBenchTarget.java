package io.hydrafs.ops.bench;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/** The benchmark's operations done through the client SDK: one shared HydraFileSystem, as a real application would. */
public final class SdkBenchTarget implements MetaBenchTarget {
    private static final CreateOptions NO_OVERWRITE = CreateOptions.builder().overwrite(false).build();

    private final HydraFileSystem fs;

    public SdkBenchTarget(HydraFileSystem fs) {
        this.fs = fs;
    }

    /** The factory `hydra bench` uses: connects to the meta nodes given with --meta. */
    public static MetaBenchTarget open(BenchOptions options) throws HydraException {
        return new SdkBenchTarget(HydraFileSystem.connect(ClientOptions.builder()
                .metaAddresses(options.metaAddresses())
                .build()));
    }

    @Override
    public void mkdirs(String path) throws Exception {
        fs.mkdirs(path);
    }

    @Override
    public void createEmptyFile(String path) throws Exception {
        fs.create(path, NO_OVERWRITE).close();
    }

    @Override
    public void stat(String path) throws Exception {
        FileStatus st = fs.getFileStatus(path);
        if (!st.isFile()) {
            throw new HydraException(ErrorCode.IS_A_DIRECTORY, path + " is not a file");
        }
    }

    @Override
    public int list(String dir) throws Exception {
        return fs.listStatus(dir).size();
    }

    @Override
    public void rename(String src, String dst) throws Exception {
        fs.rename(src, dst);
    }

    @Override
    public void delete(String path) throws Exception {
        if (!fs.delete(path, false)) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, path + " was not there to delete");
        }
    }

    @Override
    public void deleteRecursive(String path) throws Exception {
        fs.delete(path, true);
    }

    @Override
    public void close() {
        fs.close();
    }
}
