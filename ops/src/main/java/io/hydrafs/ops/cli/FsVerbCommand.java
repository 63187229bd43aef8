package io.hydrafs.ops.cli;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.fs.FsSession;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * What every {@code hydra fs} verb does around its own work: check its arguments (a bad one is a
 * usage error, exit 2, before the cluster is contacted), connect, run the verb over an
 * {@link FsSession}, close the client, and exit 0, or 1 if any path failed.
 */
abstract class FsVerbCommand implements Callable<Integer> {
    @Mixin
    FsClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @ParentCommand
    FsCommand parent;

    /** Checks the verb's own arguments; IllegalArgumentException becomes a usage error. */
    void validate() {
    }

    /** The verb's work; failures of single paths go through the session. */
    abstract void run(FsSession session);

    @Override
    public final Integer call() throws Exception {
        try {
            validate();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        CommandLine cli = spec.commandLine();
        try (HydraFileSystem fs = cluster.connect(spec)) {
            FsSession session = new FsSession(fs, spec.qualifiedName(), cluster.user(), cli.getOut(), parent.dataOut(),
                    cli.getErr(), HydraCli.verboseRequested(spec.root().commandLine().getParseResult()));
            run(session);
            return session.exitCode();
        }
    }
}
