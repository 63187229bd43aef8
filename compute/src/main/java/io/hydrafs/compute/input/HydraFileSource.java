package io.hydrafs.compute.input;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraInputStream;

import java.io.IOException;
import java.io.InputStream;

/** {@link FileSource} over HydraFS: open, then seek. */
public final class HydraFileSource implements FileSource {
    private final HydraFileSystem fs;

    public HydraFileSource(HydraFileSystem fs) {
        this.fs = fs;
    }

    @Override
    public InputStream openAt(String path, long offset) throws IOException {
        HydraInputStream in = fs.open(path);
        try {
            if (offset > 0) {
                in.seek(offset);
            }
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
