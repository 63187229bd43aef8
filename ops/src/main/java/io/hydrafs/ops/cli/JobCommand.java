package io.hydrafs.ops.cli;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.client.JobClient;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.job.JobJars;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.runtime.JobResult;
import io.hydrafs.ops.job.ExampleJobs;
import io.hydrafs.ops.job.JobStatusView;
import io.hydrafs.ops.job.LocalJobs;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code hydra job submit|status|list|kill|counters}: MapReduce jobs on a job coordinator (as
 * Hadoop's {@code mapred job} and {@code hadoop jar}), or in this JVM with {@code submit --local}.
 * A refused submit (missing input, existing output, a class the jar lacks) is one line on stderr
 * and exit code 1; a job that ends FAILED or KILLED under {@code --wait} exits 1 too.
 */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Submit, follow and kill MapReduce jobs.",
        subcommands = {JobCommand.Submit.class, JobCommand.Status.class, JobCommand.ListJobs.class,
                JobCommand.Kill.class, JobCommand.CountersVerb.class})
final class JobCommand implements Callable<Integer> {
    /** A --wait polls this often and prints the progress line whenever it changed. */
    /** Job jars go under here, one directory per submit (a jar never changes under a running job). */
    static final String STAGING_ROOT = "/tmp/hydra-staging";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return HydraCli.EXIT_USAGE;
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {
                "Submits a job: a built-in example (wordcount IN OUT, sort IN OUT, grep IN OUT PATTERN) or a "
                        + "JobDefinition class from a jar (--jar, --class, --input, --output). Prints the job id.",
                "%nThe output directory must not exist; a job that fails removes it.%n"
            })
    static final class Submit implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "EXAMPLE ARGS",
                description = "wordcount IN OUT | sort IN OUT | grep IN OUT PATTERN (not with --jar).")
        List<String> example = new ArrayList<>();

        @Option(names = "--jar", paramLabel = "LOCAL.jar", description = "A local jar holding the job's classes; uploaded.")
        Path jar;

        @Option(names = "--class", paramLabel = "CLASS", description = "The JobDefinition class in the jar.")
        String definitionClass;

        @Option(names = "--input", paramLabel = "PATH", description = "An input file or directory (repeatable; --jar).")
        List<String> inputs = new ArrayList<>();

        @Option(names = "--output", paramLabel = "PATH", description = "The output directory (--jar).")
        String output;

        @Option(names = "--name", paramLabel = "NAME", description = "The job's name (--jar). Default: the class's simple name.")
        String name;

        @Option(names = "--reducers", paramLabel = "R", defaultValue = "2",
                description = "Reduce tasks (output part files). Default: ${DEFAULT-VALUE}.")
        int reducers;

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "A job setting (repeatable), e.g. --set hydra.compute.sort.buffer.bytes=67108864.")
        Map<String, String> config = new LinkedHashMap<>();

        @Option(names = "--wait", description = "Wait for the job to end, printing its progress, then its counters.")
        boolean await;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3600",
                description = "Longest --wait. Default: ${DEFAULT-VALUE}.")
        long timeoutSeconds;

        @Option(names = "--local", description = "Run the job in this JVM (LocalJobRunner) instead of on a coordinator.")
        boolean local;

        @Mixin
        JobEndpointOptions endpoint;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            checkArguments();
            ClientOptions fsOptions = endpoint.clientOptions();
            if (fsOptions == null) {
                throw new ParameterException(spec.commandLine(), "--meta and --dir are alternatives: give one of them");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (HydraFileSystem fs = HydraFileSystem.connect(fsOptions)) {
                JobSpec job = jobSpec(fs);
                if (local) {
                    JobResult result = LocalJobs.run(fs, job);
                    out.printf("job %s SUCCEEDED in local mode: %d maps, %d reduces, %.1f s%n", job.name(),
                            result.mapTasks(), result.reduceTasks(), result.elapsedMs() / 1000.0);
                    JobStatusView.counters(result.counters()).forEach(out::println);
                    return HydraCli.EXIT_OK;
                }
                try (JobClient client = new JobClient(endpoint.coordinatorAddress())) {
                    RunningJob running = client.submit(job);
                    out.println(running.id());
                    out.flush();
                    return await ? follow(running, out) : HydraCli.EXIT_OK;
                }
            } finally {
                out.flush();
            }
        }

        private void checkArguments() {
            if (reducers < 1) {
                throw new ParameterException(spec.commandLine(), "--reducers must be at least 1, got " + reducers);
            }
            boolean fromJar = jar != null || definitionClass != null;
            if (fromJar && (jar == null || definitionClass == null || inputs.isEmpty() || output == null)) {
                throw new ParameterException(spec.commandLine(), "a job from a jar needs --jar, --class, --input and --output");
            }
            if (fromJar && !example.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "give either an example (" + String.join(", ",
                        ExampleJobs.NAMES) + ") or --jar and --class, not both");
            }
            if (!fromJar && (example.isEmpty() || !ExampleJobs.isExample(example.get(0)))) {
                throw new ParameterException(spec.commandLine(), (example.isEmpty() ? "no job given"
                        : "unknown example job '" + example.get(0) + "'") + "; built in: "
                        + String.join(", ", ExampleJobs.NAMES) + ", or --jar JAR --class CLASS");
            }
            if (!fromJar && (!inputs.isEmpty() || output != null)) {
                throw new ParameterException(spec.commandLine(), "--input and --output go with --jar; an example takes "
                        + "its paths as arguments");
            }
        }

        private JobSpec jobSpec(HydraFileSystem fs) throws Exception {
            if (jar == null) {
                try {
                    return ExampleJobs.spec(example.get(0), example.subList(1, example.size()), reducers, config, fs);
                } catch (HydraException e) {
                    if (e.code() == ErrorCode.INVALID_ARGUMENT) {
                        throw new ParameterException(spec.commandLine(), e.detail());
                    }
                    throw e;
                }
            }
            String staging = STAGING_ROOT + "/" + stagingUser() + "/job-" + UUID.randomUUID();
            String jarPath = JobJars.upload(fs, jar, staging);
            String jobName = name != null ? name : definitionClass.substring(definitionClass.lastIndexOf('.') + 1);
            return new JobSpec(jobName, definitionClass, jarPath, inputs, output, reducers, config);
        }

        private String stagingUser() {
            String user = endpoint.meta.user != null ? endpoint.meta.user : System.getProperty("user.name", "hydra");
            return user.replaceAll("[^A-Za-z0-9._-]", "_");
        }

        private int follow(RunningJob job, PrintWriter out) throws HydraException, InterruptedException {
            String id = job.id();
            String[] last = {""};
            JobStatus s;
            try {
                s = job.waitForCompletion(Duration.ofSeconds(timeoutSeconds), polled -> {
                    String progress = JobStatusView.progress(polled);
                    if (!progress.equals(last[0])) {
                        out.println(progress);
                        out.flush();
                        last[0] = progress;
                    }
                });
            } catch (HydraException e) {
                if (e.code() != ErrorCode.TIMEOUT) {
                    throw e;
                }
                throw new HydraException(ErrorCode.TIMEOUT, "job " + id + " still running after " + timeoutSeconds
                        + " s (it goes on: 'hydra job status " + id + "', 'hydra job kill " + id + "')");
            }
            JobStatusView.status(s).forEach(out::println);
            JobStatusView.counters(s.counters()).forEach(out::println);
            if (s.state() != JobStatus.State.SUCCEEDED) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(spec.qualifiedName() + ": job " + id + " " + s.state()
                        + (s.failure().isEmpty() ? "" : ": " + s.failure()));
                err.flush();
                return HydraCli.EXIT_FAILED;
            }
            return HydraCli.EXIT_OK;
        }
    }

    /** What the verbs that only talk to the coordinator share. */
    abstract static class CoordinatorVerb implements Callable<Integer> {
        @Mixin
        JobEndpointOptions endpoint;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (JobClient client = new JobClient(endpoint.coordinatorAddress())) {
                return run(client, out);
            } finally {
                out.flush();
            }
        }

        abstract int run(JobClient client, PrintWriter out) throws HydraException;
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "A job's state, progress, times, output and failure.")
    static final class Status extends CoordinatorVerb {
        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        int run(JobClient client, PrintWriter out) throws HydraException {
            JobStatusView.status(client.job(jobId).status()).forEach(out::println);
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every job the coordinator knows, oldest first.")
    static final class ListJobs extends CoordinatorVerb {
        @Override
        int run(JobClient client, PrintWriter out) throws HydraException {
            JobStatusView.list(client.list()).forEach(out::println);
            return HydraCli.EXIT_OK;
        }
    }

    @Command(name = "kill", mixinStandardHelpOptions = true,
            description = "Kills a running job (its output is removed). Exit code 1 if it had already finished.")
    static final class Kill extends CoordinatorVerb {
        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        int run(JobClient client, PrintWriter out) throws HydraException {
            RunningJob job = client.job(jobId);
            if (job.kill()) {
                out.println("killed job " + jobId);
                return HydraCli.EXIT_OK;
            }
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "job " + jobId + " had already finished ("
                    + job.status().state() + ")");
        }
    }

    @Command(name = "counters", mixinStandardHelpOptions = true,
            description = "A job's counters, one GROUP.NAME=VALUE a line (so far, while it runs).")
    static final class CountersVerb extends CoordinatorVerb {
        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        int run(JobClient client, PrintWriter out) throws HydraException {
            JobStatusView.counters(client.job(jobId).counters()).forEach(out::println);
            return HydraCli.EXIT_OK;
        }
    }
}
