package io.hydrafs.compute.job;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A job as it is submitted and journaled: plain names and strings, no code. {@code
 * definitionClass} names a {@link JobDefinition}; it is loaded from {@code jarPath} (a
 * HydraFS path of the uploaded job jar) or, when the path is empty, from the class path of
 * the JVM running the task (the built-in examples).
 *
 * <p>Build one with {@link #builder}, submit it with
 * {@link io.hydrafs.compute.client.JobClient#submit} (distributed) or run it with the local
 * runner; the definition supplies mapper, combiner, reducer, partitioner and formats (see
 * {@link io.hydrafs.compute.runtime.Job.Builder}).
 */
public record JobSpec(String name, String definitionClass, String jarPath, List<String> inputs, String output,
                      int reducers, Map<String, String> config) {

    public JobSpec {
        inputs = List.copyOf(inputs);
        config = Map.copyOf(config);
    }

    /** Rejects a spec no runtime could run, with an INVALID_ARGUMENT naming what is wrong. */
    public void validate() throws HydraException {
        require(name != null && !name.isBlank(), "a job needs a name");
        require(definitionClass != null && !definitionClass.isBlank(), "job " + name + " names no definition class");
        require(jarPath != null, "job " + name + ": jar path must be empty or a HydraFS path");
        require(!inputs.isEmpty(), "job " + name + " has no input path");
        require(output != null && output.startsWith("/"), "job " + name + " needs an absolute output path");
        require(reducers >= 1, "job " + name + " needs at least one reducer, got " + reducers);
    }

    /** A spec named {@code name}: give a definition, inputs and an output; one reducer unless told otherwise. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Assembles a {@link JobSpec}; {@link #build} validates it. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private String definitionClass;
        private String jarPath = "";
        private final List<String> inputs = new ArrayList<>();
        private String output;
        private int reducers = 1;
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The job's definition, found on the class path of every JVM (no jar), or in the jar given. */
        public Builder definition(Class<? extends JobDefinition> definition) {
            return definition(definition.getName());
        }

        /** The definition by class name, e.g. one in the job jar that this JVM cannot load. */
        public Builder definition(String className) {
            this.definitionClass = Objects.requireNonNull(className, "definition class");
            return this;
        }

        /** The HydraFS path of the job jar the definition is loaded from (see {@link JobJars#upload}). */
        public Builder jar(String hydraPath) {
            this.jarPath = Objects.requireNonNull(hydraPath, "jar path");
            return this;
        }

        /** A file, or a directory standing for its files (names starting with _ or . skipped). */
        public Builder input(String path) {
            inputs.add(Objects.requireNonNull(path, "input"));
            return this;
        }

        /** Must not exist: the job creates it. */
        public Builder output(String path) {
            this.output = Objects.requireNonNull(path, "output");
            return this;
        }

        public Builder reducers(int n) {
            this.reducers = n;
            return this;
        }

        /** A job setting (the definition's own, or a runtime key such as {@code hydra.compute.task.max.attempts}). */
        public Builder config(String key, String value) {
            config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder config(Map<String, String> settings) {
            settings.forEach(this::config);
            return this;
        }

        /** Fails with IllegalArgumentException naming what is missing or invalid (as {@link #validate}). */
        public JobSpec build() {
            JobSpec spec = new JobSpec(name, definitionClass, jarPath, inputs, output, reducers, config);
            try {
                spec.validate();
            } catch (HydraException e) {
                throw new IllegalArgumentException(e.detail(), e);
            }
            return spec;
        }
    }

    private static void require(boolean ok, String message) throws HydraException {
        if (!ok) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
