package io.hydrafs.ops.job;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.examples.Grep;
import io.hydrafs.compute.examples.Sort;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in example jobs by the names {@code hydra job submit} takes, with their positional
 * arguments: {@code wordcount IN OUT}, {@code sort IN OUT}, {@code grep IN OUT PATTERN}. They run
 * from the workers' own class path (no jar). Sort samples its input here, on the submit side.
 */
public final class ExampleJobs {
    public static final List<String> NAMES = List.of("wordcount", "sort", "grep");

    private ExampleJobs() {
    }

    public static boolean isExample(String name) {
        return NAMES.contains(name);
    }

    /**
     * The spec of example {@code name} over {@code args}.
     *
     * @throws HydraException INVALID_ARGUMENT for an unknown name or the wrong number of
     *         arguments; sort's sampling fails as the file system does (FILE_NOT_FOUND for a missing input)
     */
    public static JobSpec spec(String name, List<String> args, int reducers, Map<String, String> config,
                               HydraFileSystem fs) throws HydraException, IOException {
        switch (name) {
            case "wordcount" -> {
                require(args, 2, "wordcount IN OUT");
                return WordCount.spec(args.get(0), args.get(1), reducers, config);
            }
            case "sort" -> {
                require(args, 2, "sort IN OUT");
                return Sort.spec(fs, args.get(0), args.get(1), reducers, config);
            }
            case "grep" -> {
                require(args, 3, "grep IN OUT PATTERN");
                JobSpec grep = Grep.spec(args.get(0), args.get(1), reducers, args.get(2));
                Map<String, String> all = new LinkedHashMap<>(config);
                all.putAll(grep.config());
                return new JobSpec(grep.name(), grep.definitionClass(), grep.jarPath(), grep.inputs(), grep.output(),
                        grep.reducers(), all);
            }
            default -> throw new HydraException(ErrorCode.INVALID_ARGUMENT, "unknown example job '" + name
                    + "'; built in: " + String.join(", ", NAMES) + " (or --jar JAR --class CLASS)");
        }
    }

    private static void require(List<String> args, int n, String usage) throws HydraException {
        if (args.size() != n) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "expected " + usage + ", got " + args.size()
                    + " argument" + (args.size() == 1 ? "" : "s") + " after the name");
        }
    }
}
