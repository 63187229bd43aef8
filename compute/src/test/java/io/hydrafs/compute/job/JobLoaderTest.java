package io.hydrafs.compute.job;

import io.hydrafs.compute.ClusterTestBase;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.runtime.LocalJobRunner;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Job jars uploaded to a MiniCluster and loaded in isolated class loaders. */
@Timeout(120)
class JobLoaderTest extends ClusterTestBase {
    private static final String INPUT = "/loader/in/words.txt";

    @TempDir
    Path work;
    private Path cache;
    private JobLoader loader;
    private int jobs;

    @BeforeAll
    void writeInput() throws IOException {
        TestJars.writeText(fs, INPUT, "a b\nb c c\n");
    }

    @BeforeEach
    void newLoader() {
        cache = work.resolve("cache");
        loader = new JobLoader(fs, cache);
    }

    @AfterEach
    void closeLoader() {
        loader.close();
    }

    /**
     * A tagging word count: emits {@code <Tag.TAG>:<word>} with its count. Tag is a second class
     * of the jar, so two jars differing only in TAG show which class each job sees.
     */
    private static Map<String, String> taggingJob(String tag) {
        return Map.of("userjob.Tag", """
                package userjob;
                public final class Tag { public static final String TAG = "%s"; }
                """.formatted(tag), "userjob.TaggingCount", """
                package userjob;
                import io.hydrafs.compute.api.*;
                import io.hydrafs.compute.job.*;
                import io.hydrafs.compute.runtime.Job;
                import io.hydrafs.compute.serde.*;
                public final class TaggingCount implements JobDefinition {
                    public static final class Words implements Mapper<Long, String, String, Long> {
                        public void map(Long offset, String line, Context<String, Long> context) throws java.io.IOException {
                            for (String w : line.split(" ")) { context.emit(Tag.TAG + ":" + w, 1L); }
                        }
                    }
                    public static final class Sum implements Reducer<String, Long, String, Long> {
                        public void reduce(String k, Iterable<Long> vs, Context<String, Long> context) throws java.io.IOException {
                            long s = 0; for (long v : vs) { s += v; } context.emit(k, s);
                        }
                    }
                    public Job define(JobSpec spec) {
                        Job.Builder b = Job.builder(spec.name()).output(spec.output()).reducers(spec.reducers())
                                .mapper(Words::new).reducer(Sum::new).mapOutput(TextSerde.INSTANCE, LongSerde.INSTANCE);
                        spec.inputs().forEach(b::input);
                        return b.build();
                    }
                }
                """);
    }

    private static Map<String, String> badDefinitions() {
        return Map.of("userjob.NeedsArgs", """
                package userjob;
                public final class NeedsArgs implements io.hydrafs.compute.job.JobDefinition {
                    public NeedsArgs(String x) { }
                    public io.hydrafs.compute.runtime.Job define(io.hydrafs.compute.job.JobSpec spec) { return null; }
                }
                """, "userjob.Throws", """
                package userjob;
                public final class Throws implements io.hydrafs.compute.job.JobDefinition {
                    public io.hydrafs.compute.runtime.Job define(io.hydrafs.compute.job.JobSpec spec) {
                        throw new IllegalStateException("no pattern configured");
                    }
                }
                """, "userjob.WrongOutput", """
                package userjob;
                public final class WrongOutput implements io.hydrafs.compute.job.JobDefinition {
                    public io.hydrafs.compute.runtime.Job define(io.hydrafs.compute.job.JobSpec spec) {
                        return new io.hydrafs.compute.examples.WordCount.Definition().define(
                                new io.hydrafs.compute.job.JobSpec(spec.name(), "", "", spec.inputs(), "/elsewhere",
                                        spec.reducers(), spec.config()));
                    }
                }
                """, "userjob.NotADefinition", """
                package userjob;
                public final class NotADefinition { }
                """);
    }

    private String upload(String name, Map<String, String> sources) throws IOException {
        Path jar = TestJars.build(work, name, sources);
        return JobJars.upload(fs, jar, "/system/compute/jars/" + name);
    }

    private JobSpec spec(String definitionClass, String jarPath) {
        return new JobSpec("job" + jobs, definitionClass, jarPath, List.of(INPUT), "/loader/out" + jobs++, 1, Map.of());
    }

    private String run(Job job) throws Exception {
        new LocalJobRunner(fs).run(job);
        return new String(ClusterFixture.read(fs, job.output() + "/part-r-00000"), StandardCharsets.UTF_8);
    }

    @Test
    void aJobFromAnUploadedJarRunsWithItsOwnClasses() throws Exception {
        String jar = upload("tagA", taggingJob("A"));

        Job job = loader.load(spec("userjob.TaggingCount", jar));

        assertEquals("A:a\t1\nA:b\t2\nA:c\t2\n", run(job));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("userjob.Tag"),
                "the jar's classes stay off the class path");
    }

    @Test
    void twoJarsWithTheSameClassNamesDoNotSeeEachOther() throws Exception {
        String jarA = upload("sameA", taggingJob("A"));
        String jarB = upload("sameB", taggingJob("B"));

        Job a = loader.load(spec("userjob.TaggingCount", jarA));
        Job b = loader.load(spec("userjob.TaggingCount", jarB));

        assertNotSame(a.mapper().get().getClass(), b.mapper().get().getClass());
        assertEquals("B:a\t1\nB:b\t2\nB:c\t2\n", run(b));
        assertEquals("A:a\t1\nA:b\t2\nA:c\t2\n", run(a));
    }

    @Test
    void aJarIsDownloadedOnceAndReleaseDeletesIt() throws Exception {
        String jar = upload("once", taggingJob("A"));
        Job first = loader.load(spec("userjob.TaggingCount", jar));
        Job second = loader.load(spec("userjob.TaggingCount", jar));
        assertEquals(first.mapper().get().getClass(), second.mapper().get().getClass());
        try (var cached = Files.list(cache)) {
            assertEquals(1, cached.count());
        }

        loader.release(jar);

        try (var cached = Files.list(cache)) {
            assertEquals(0, cached.count());
        }
    }

    @Test
    void aSpecWithoutAJarUsesTheClassPath() throws Exception {
        Job job = loader.load(spec(WordCount.Definition.class.getName(), ""));

        assertEquals("a\t1\nb\t2\nc\t2\n", run(job));
    }

    @Test
    void aMissingJarIsFileNotFound() {
        HydraException e = assertThrows(HydraException.class,
                () -> loader.load(spec("userjob.TaggingCount", "/system/compute/jars/none/job.jar")));

        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("/system/compute/jars/none/job.jar"), e.getMessage());
    }

    @Test
    void definitionsThatCannotDefineTheJobAreInvalidArguments() throws Exception {
        String jar = upload("bad", badDefinitions());
        Map<String, String> expected = Map.of(
                "userjob.Absent", "is not in jar " + jar,
                "userjob.NotADefinition", "is not a io.hydrafs.compute.job.JobDefinition",
                "userjob.NeedsArgs", "no public no-argument constructor",
                "userjob.Throws", "no pattern configured",
                "userjob.WrongOutput", "writes /elsewhere");

        for (Map.Entry<String, String> c : expected.entrySet()) {
            HydraException e = assertThrows(HydraException.class, () -> loader.load(spec(c.getKey(), jar)), c.getKey());

            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(c.getKey()) && e.getMessage().contains(c.getValue()), e.getMessage());
        }
    }

    @Test
    void uploadRefusesAFileThatIsNotAJarAndAnExistingJar() throws Exception {
        Path notJar = Files.writeString(work.resolve("x.jar"), "hello");
        HydraException e = assertThrows(HydraException.class, () -> JobJars.upload(fs, notJar, "/system/x"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertFalse(fs.exists("/system/x/job.jar"));

        upload("twice", taggingJob("A"));
        HydraException again = assertThrows(HydraException.class,
                () -> JobJars.upload(fs, work.resolve("twice.jar"), "/system/compute/jars/twice"));
        assertEquals(ErrorCode.FILE_ALREADY_EXISTS, again.code());
    }
}
