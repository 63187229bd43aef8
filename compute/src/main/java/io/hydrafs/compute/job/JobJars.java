package io.hydrafs.compute.job;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The submit side of job jars: puts the user's jar into HydraFS where the coordinator and
 * workers fetch it ({@link JobLoader}). A staging directory belongs to one job, so an upload
 * never replaces a jar (a jar changing under a running job would make its tasks disagree).
 */
public final class JobJars {
    /** The jar's name inside its staging directory. */
    public static final String JAR_NAME = "job.jar";

    private JobJars() {
    }

    /**
     * Uploads {@code localJar} as {@code <stagingDir>/job.jar} (parents created) and returns
     * that HydraFS path.
     *
     * @throws HydraException INVALID_ARGUMENT when the local file is missing or not a jar,
     *         FILE_ALREADY_EXISTS when the staging directory already holds a jar
     */
    public static String upload(HydraFileSystem fs, Path localJar, String stagingDir) throws HydraException, IOException {
        if (!Files.isRegularFile(localJar)) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "job jar " + localJar + " is not a file");
        }
        try (JarFile ignored = new JarFile(localJar.toFile())) {
            // opening it checks it is a zip archive; the classes are checked when the job is loaded
        } catch (IOException e) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "job jar " + localJar + " is not a jar: " + e.getMessage(), e);
        }
        if (stagingDir == null || !stagingDir.startsWith("/")) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "staging directory must be an absolute path: "
                    + stagingDir);
        }
        String target = (stagingDir.endsWith("/") ? stagingDir : stagingDir + "/") + JAR_NAME;
        CreateOptions options = CreateOptions.builder().overwrite(false).createParent(true).build();
        try (InputStream in = Files.newInputStream(localJar); OutputStream out = fs.create(target, options)) {
            in.transferTo(out);
        }
        return target;
    }
}
