package io.hydrafs.ops.cli;

import io.hydrafs.ops.bench.InMemoryMetaTarget;
import io.hydrafs.ops.bench.MetaBenchTargetFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One invocation of {@code hydra} as a user would make it, with its exit code and what it printed. */
record CliInvocation(int exitCode, String out, String err) {
    static CliInvocation of(MetaBenchTargetFactory targets, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HydraCli.commandLine(targets);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliInvocation(code, out.toString(), err.toString());
    }

    /** Over an in-memory bench target: for every verb that does not bench a real cluster. */
    static CliInvocation of(String... args) {
        return of(o -> new InMemoryMetaTarget(), args);
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
}
