package io.hydrafs.compute.job;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link JobSpec} into the {@link Job} it defines, in the coordinator or a worker.
 * A spec without a jar names a definition on this JVM's class path (the built-in examples);
 * otherwise its jar is downloaded once into the local cache and loaded in its own
 * {@link URLClassLoader}, whose parent is the loader of the compute API. So a job sees the
 * API and its own classes, never another job's: two jars may hold classes of the same name.
 *
 * <p>Every way a spec can fail to define a job (jar missing, class absent, not a
 * {@link JobDefinition}, no public no-argument constructor, {@code define} throwing or
 * returning a job that contradicts the spec) is a {@link HydraException} with a message naming
 * the class and jar. A cached jar is trusted for its path's lifetime: staging paths are per
 * job and never overwritten ({@link JobJars}). {@link #release} frees the loader and the
 * cached file: call it only once no task of the job runs in this JVM any more, since a closed
 * loader cannot load the classes the job has not touched yet. Thread-safe; jars are downloaded
 * one at a time, under the loader's lock.
 */
public final class JobLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobLoader.class);

    private final HydraFileSystem fs;
    private final Path cacheDir;
    private final Map<String, LoadedJar> jars = new HashMap<>();
    private boolean closed;

    private record LoadedJar(Path file, URLClassLoader loader) {
    }

    public JobLoader(HydraFileSystem fs, Path localCacheDir) {
        this.fs = fs;
        this.cacheDir = localCacheDir;
    }

    /** The job {@code spec} defines; see the class comment for what can fail and how. */
    public Job load(JobSpec spec) throws HydraException {
        spec.validate();
        ClassLoader loader = spec.jarPath().isEmpty() ? JobDefinition.class.getClassLoader() : jarLoader(spec.jarPath());
        String where = spec.jarPath().isEmpty() ? "the class path" : "jar " + spec.jarPath();
        // user code that looks up resources or services through the context loader finds its jar's
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            JobDefinition definition = instantiate(spec.definitionClass(), loader, where);
            Job job;
            try {
                job = definition.define(spec);
            } catch (RuntimeException | LinkageError e) {
                throw invalid("job " + spec.name() + ": " + spec.definitionClass() + ".define() failed: " + e, e);
            }
            checkMatches(spec, job);
            return job;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static JobDefinition instantiate(String className, ClassLoader loader, String where)
            throws HydraException {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw invalid("definition class " + className + " is not in " + where, e);
        } catch (LinkageError e) {
            throw invalid("definition class " + className + " in " + where + " cannot be loaded: " + e, e);
        }
        if (!JobDefinition.class.isAssignableFrom(type)) {
            throw invalid(className + " in " + where + " is not a " + JobDefinition.class.getName());
        }
        if (!Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw invalid(className + " in " + where + " must be a public, concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw invalid(className + " in " + where + " has no public no-argument constructor", e);
        }
        try {
            return (JobDefinition) constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw invalid("the constructor of " + className + " in " + where + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw invalid(className + " in " + where + " cannot be instantiated: " + e, e);
        }
    }

    private static void checkMatches(JobSpec spec, Job job) throws HydraException {
        String defined = spec.definitionClass() + ".define()";
        if (job == null) {
            throw invalid("job " + spec.name() + ": " + defined + " returned null");
        }
        if (!job.inputs().equals(List.copyOf(spec.inputs()))) {
            throw invalid("job " + spec.name() + ": " + defined + " reads " + job.inputs() + ", the spec says "
                    + spec.inputs());
        }
        if (!job.output().equals(spec.output())) {
            throw invalid("job " + spec.name() + ": " + defined + " writes " + job.output() + ", the spec says "
                    + spec.output());
        }
        if (job.reducers() != spec.reducers()) {
            throw invalid("job " + spec.name() + ": " + defined + " has " + job.reducers() + " reducers, the spec says "
                    + spec.reducers());
        }
    }

    private synchronized ClassLoader jarLoader(String jarPath) throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.SERVER_SHUTTING_DOWN, "job loader is closed");
        }
        LoadedJar loaded = jars.get(jarPath);
        if (loaded == null) {
            Path file = download(jarPath);
            try {
                URLClassLoader loader = new URLClassLoader("job:" + jarPath, new URL[] {file.toUri().toURL()},
                        JobDefinition.class.getClassLoader());
                loaded = new LoadedJar(file, loader);
            } catch (IOException e) {
                deleteQuietly(file);
                throw new HydraException(ErrorCode.IO_ERROR, "cannot load job jar " + jarPath + ": " + e, e);
            }
            jars.put(jarPath, loaded);
        }
        return loaded.loader();
    }

    /** Copies the jar to a file named after its path's hash, through a temporary file so a crash leaves no half jar. */
    private Path download(String jarPath) throws HydraException {
        Path file = cacheDir.resolve(cacheName(jarPath));
        Path partial = cacheDir.resolve(file.getFileName() + ".part");
        try (InputStream in = fs.open(jarPath)) {
            Files.createDirectories(cacheDir);
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (HydraException e) {
            deleteQuietly(partial);
            if (e.code() == ErrorCode.FILE_NOT_FOUND) {
                throw new HydraException(ErrorCode.FILE_NOT_FOUND, "job jar " + jarPath + " does not exist", e);
            }
            throw new HydraException(e.code(), "cannot download job jar " + jarPath + ": " + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new HydraException(ErrorCode.IO_ERROR, "cannot download job jar " + jarPath + " to " + cacheDir
                    + ": " + e, e);
        }
    }

    private static String cacheName(String jarPath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jarPath.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16) + ".jar";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Closes the jar's class loader and deletes the cached jar; a later load downloads it again. */
    public void release(String jarPath) {
        LoadedJar loaded;
        synchronized (this) {
            loaded = jars.remove(jarPath);
        }
        if (loaded != null) {
            unload(jarPath, loaded);
        }
    }

    private static void unload(String jarPath, LoadedJar loaded) {
        try {
            loaded.loader().close();
        } catch (IOException e) {
            LOG.warn("closing the class loader of job jar {}: {}", jarPath, e.toString());
        }
        deleteQuietly(loaded.file());
    }

    /** Releases every jar. Idempotent. */
    @Override
    public void close() {
        Map<String, LoadedJar> all;
        synchronized (this) {
            closed = true;
            all = new HashMap<>(jars);
            jars.clear();
        }
        all.forEach(JobLoader::unload);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete cached job jar {}: {}", file, e.toString());
        }
    }

    private static HydraException invalid(String message) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, message);
    }

    private static HydraException invalid(String message, Throwable cause) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, message, cause);
    }
}
