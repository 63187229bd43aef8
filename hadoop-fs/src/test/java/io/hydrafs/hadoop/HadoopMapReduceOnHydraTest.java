package io.hydrafs.hadoop;

import io.hydrafs.minicluster.MiniCluster;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hadoop MapReduce jobs (the local runner) reading and writing {@code hydra://} paths: a word
 * count (input splits from the adapter's block locations, and the output committer's temporary
 * directories, task commits (renames) and {@code _SUCCESS} marker on HydraFS), and DistCp.
 */
class HadoopMapReduceOnHydraTest {
    private MiniCluster cluster;
    private FileSystem fs;
    private URI root;

    @BeforeEach
    void start() throws IOException {
        cluster = MiniCluster.builder().metaNodes(3).blockstores(3)
                .config("hydra.meta.namespace.min.block.size.bytes", "512").start();
        cluster.awaitLiveBlockstores(3, Duration.ofSeconds(30));
        root = URI.create("hydra://" + cluster.metaAddresses() + "/");
        fs = FileSystem.newInstance(root, new Configuration());
    }

    @AfterEach
    void stop() throws IOException {
        try {
            if (fs != null) {
                fs.close();
            }
            FileSystem.closeAll();
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** Splits each line into words. */
    public static final class Words extends Mapper<LongWritable, Text, Text, IntWritable> {
        private static final IntWritable ONE = new IntWritable(1);

        @Override
        protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
            for (String word : line.toString().split("\\s+")) {
                if (!word.isEmpty()) {
                    context.write(new Text(word), ONE);
                }
            }
        }
    }

    /** Adds up each word's ones. */
    public static final class Sum extends Reducer<Text, IntWritable, Text, IntWritable> {
        @Override
        protected void reduce(Text word, Iterable<IntWritable> ones, Context context)
                throws IOException, InterruptedException {
            int n = 0;
            for (IntWritable one : ones) {
                n += one.get();
            }
            context.write(word, new IntWritable(n));
        }
    }

    @Test
    void aWordCountJobReadsItsInputFromHydraAndCommitsItsOutputThere(@TempDir java.nio.file.Path local)
            throws Exception {
        // small blocks, so the input is several splits read by several map tasks
        List<String> lines = List.of("the quick brown fox", "jumps over the lazy dog", "the end");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            text.append(lines.get(i % lines.size())).append('\n');
        }
        Path input = new Path("/in/words.txt");
        try (FSDataOutputStream out = fs.create(input, true, 4096, (short) 3, 16 * 1024)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        Configuration conf = new Configuration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("hadoop.tmp.dir", local.resolve("tmp").toString());
        conf.set("mapreduce.jobtracker.staging.root.dir", local.resolve("staging").toString());
        Job job = Job.getInstance(conf, "wordcount on hydra");
        job.setMapperClass(Words.class);
        job.setReducerClass(Sum.class);
        job.setOutputKeyClass(Text.class);
        job.setOutputValueClass(IntWritable.class);
        FileInputFormat.addInputPath(job, new Path(root.resolve("/in")));
        FileOutputFormat.setOutputPath(job, new Path(root.resolve("/out")));

        assertTrue(job.waitForCompletion(false), "the job failed");

        assertTrue(fs.exists(new Path("/out/_SUCCESS")));
        FileStatus[] parts = fs.listStatus(new Path("/out"), p -> p.getName().startsWith("part-"));
        Map<String, Integer> counts = new TreeMap<>();
        for (FileStatus part : parts) {
            try (var in = fs.open(part.getPath())) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] kv = line.split("\t");
                    counts.put(kv[0], Integer.parseInt(kv[1]));
                }
            }
        }
        Map<String, Integer> expected = new TreeMap<>(Arrays.stream(text.toString().split("\\s+"))
                .filter(w -> !w.isEmpty()).collect(Collectors.toMap(w -> w, w -> 1, Integer::sum)));
        assertEquals(expected, counts);
        assertEquals(2_000, job.getCounters().findCounter(TaskCounter.MAP_INPUT_RECORDS).getValue());
        assertEquals(3, new TextInputFormat().getSplits(job).size(), "one split per block of the input");
        assertEquals(0, fs.listStatus(new Path("/out"), p -> p.getName().equals("_temporary")).length,
                "the committer cleaned up its temporary directory");
    }
    @Test
    void distCpCopiesATreeWithinHydraAndItsChecksumsMatchAcrossBlockSizes(@TempDir java.nio.file.Path local)
            throws Exception {
        // the sources have 16 KiB blocks and DistCp writes the cluster's default block size: with
        // HDFS's default (block-size dependent) checksums DistCp would refuse that without -pb
        Map<String, byte[]> files = new TreeMap<>(Map.of(
                "a.bin", bytes(100_000, 1), "sub/b.bin", bytes(3_000, 2), "sub/deeper/c.bin", bytes(40_000, 3),
                "empty", new byte[0]));
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            try (FSDataOutputStream out = fs.create(new Path("/src/" + f.getKey()), true, 4096, (short) 2, 16 * 1024)) {
                out.write(f.getValue());
            }
        }
        Configuration conf = new Configuration();
        conf.set("mapreduce.framework.name", "local");
        conf.set("hadoop.tmp.dir", local.resolve("tmp").toString());
        conf.set("mapreduce.jobtracker.staging.root.dir", local.resolve("staging").toString());

        // as 'hadoop distcp SRC DST' runs it
        int exit = ToolRunner.run(conf, new DistCp(conf, null), new String[] {root.resolve("/src").toString(),
                root.resolve("/dst").toString()});

        assertEquals(0, exit, "DistCp failed");
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path source = new Path("/src/" + f.getKey());
            Path copy = new Path("/dst/" + f.getKey());
            try (var in = fs.open(copy)) {
                assertArrayEquals(f.getValue(), in.readAllBytes(), f.getKey());
            }
            FileChecksum sourceSum = fs.getFileChecksum(source);
            assertNotNull(sourceSum, "DistCp compares checksums only when the file system gives them");
            assertEquals(sourceSum, fs.getFileChecksum(copy), f.getKey());
        }
        assertTrue(fs.getFileStatus(new Path("/dst/a.bin")).getBlockSize()
                != fs.getFileStatus(new Path("/src/a.bin")).getBlockSize(), "the copy has another block size");
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
