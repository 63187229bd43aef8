package io.hydrafs.ops.cli;

import io.hydrafs.ops.bench.InMemoryMetaTarget;
import io.hydrafs.minicluster.MiniCluster;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code hydra fs VERB --meta ... ARGS} against a MiniCluster, as a user runs it: text and file
 * bytes share one stdout, as in the real command.
 */
final class FsCli {
    private final String metaAddresses;

    FsCli(MiniCluster cluster) {
        this.metaAddresses = cluster.metaAddresses();
    }

    /** {@code hydra fs VERB --meta ADDRESSES ARGS...}. */
    CliInvocation run(String verb, String... args) {
        List<String> all = new ArrayList<>(List.of("fs", verb, "--meta", metaAddresses));
        all.addAll(List.of(args));
        return raw(all.toArray(String[]::new));
    }

    /** {@code hydra ARGS...} exactly as given. */
    static CliInvocation raw(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine cli = HydraCli.commandLine(o -> new InMemoryMetaTarget(), stdout);
        cli.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        cli.getOut().flush();
        return new CliInvocation(code, stdout.toString(StandardCharsets.UTF_8), err.toString());
    }
}
