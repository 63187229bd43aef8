package io.hydrafs.compute.job;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.HydraException;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Job jars made at test time: Java sources compiled against the compute API with the
 * system compiler and packed with java.util.jar, so the classes exist only inside the jar
 * (never on the test's class path) as with a real user's job.
 */
final class TestJars {
    private TestJars() {
    }

    /** Compiles {@code sources} (class name to source text) into {@code <dir>/<name>.jar}. */
    static Path build(Path dir, String name, Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve(name + "-src"));
        Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", apiClassPath(),
                "-proc:none", "-nowarn"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test sources do not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
        Path jar = dir.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Where the compute API and what its signatures mention (client, protocol) were loaded from. */
    private static String apiClassPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(JobDefinition.class, HydraFileSystem.class, HydraException.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    static void writeText(HydraFileSystem fs, String path, String text) throws IOException {
        try (OutputStream out = fs.create(path)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
