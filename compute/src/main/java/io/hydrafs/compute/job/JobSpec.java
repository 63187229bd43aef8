package io.hydrafs.compute.job;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.List;
import java.util.Map;

/**
 * A job as it is submitted and journaled: plain names and strings, no code. {@code
 * definitionClass} names a {@link JobDefinition}; it is loaded from {@code jarPath} (a
 * HydraFS path of the uploaded job jar) or, when the path is empty, from the class path of
 * the JVM running the task (the built-in examples).
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

    private static void require(boolean ok, String message) throws HydraException {
        if (!ok) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
