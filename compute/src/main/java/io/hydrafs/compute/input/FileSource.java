package io.hydrafs.compute.input;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a file for sequential reading from an offset. Record readers see files only through
 * this, so their boundary rules are tested over byte arrays as well as over HydraFS.
 */
@FunctionalInterface
public interface FileSource {

    InputStream openAt(String path, long offset) throws IOException;
}
