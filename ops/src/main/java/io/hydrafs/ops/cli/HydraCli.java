package io.hydrafs.ops.cli;

import io.hydrafs.ops.bench.BenchOptions;
import io.hydrafs.ops.bench.SdkBenchTarget;
import io.hydrafs.ops.bench.MetaBenchTargetFactory;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hydra}, the one command line of HydraFS: {@code hydra VERB [options]}.
 *
 * <p>Exit codes, the same for every verb: 0 success; 1 the command ran and failed (a benchmark
 * workload not ok, a cluster unreachable); 2 the command line itself was wrong (unknown verb,
 * unknown or invalid option), reported as one line on stderr with a hint, without the whole
 * usage text. A failure is one line on stderr unless {@code --verbose} asks for the stack trace;
 * the stack trace always goes to the log.
 *
 * <p>Verbs get what they talk to through {@link #commandLine}, never from globals, so tests
 * build a {@code hydra} over fakes.
 */
@Command(name = "hydra", mixinStandardHelpOptions = true, versionProvider = HydraCli.Version.class,
        description = "HydraFS command line.",
        footer = "Run 'hydra VERB --help' for the options of a verb.")
public final class HydraCli implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(HydraCli.class);

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    // Declared here, inherited by every verb; read from the ParseResult (see verboseRequested)
    // because picocli binds an inherited option given after a verb to that verb's copy.
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private HydraCli() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(SdkBenchTarget::open).execute(args));
    }

    /**
     * The {@code hydra} command with every verb, talking to the cluster through the given
     * factories. Callers set its out/err writers if they do not want System.out/err.
     */
    public static CommandLine commandLine(MetaBenchTargetFactory benchTargets) {
        return commandLine(benchTargets, System.out);
    }

    /**
     * As {@link #commandLine(MetaBenchTargetFactory)}, with the stream that file bytes go to
     * ({@code hydra fs cat}): stdout as bytes, since the out writer would re-encode them.
     */
    public static CommandLine commandLine(MetaBenchTargetFactory benchTargets, java.io.OutputStream dataOut) {
        CommandLine cli = new CommandLine(new HydraCli());
        cli.addSubcommand("bench", new BenchCommand(benchTargets));
        cli.addSubcommand("meta", new MetaCommand());
        cli.addSubcommand("blockstore", new BlockstoreCommand());
        cli.addSubcommand("coordinator", new CoordinatorCommand());
        cli.addSubcommand("worker", new WorkerCommand());
        cli.addSubcommand("cluster", new ClusterCommand());
        cli.addSubcommand("quickstart", new QuickstartCommand());
        cli.addSubcommand("fs", new FsCommand(dataOut));
        cli.addSubcommand("admin", new AdminCommand());
        cli.addSubcommand("job", new JobCommand());
        cli.setParameterExceptionHandler(HydraCli::usageError);
        cli.setExecutionExceptionHandler((e, failedCommand, parsed) -> failure(e, failedCommand, parsed));
        return cli;
    }

    /** {@code hydra} alone: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        PrintWriter err = where.getErr();
        String name = where.getCommandSpec().qualifiedName();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException u && !where.getSubcommands().isEmpty()) {
            List<String> unmatched = u.getUnmatched();
            if (!unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
                message = "unknown command '" + unmatched.get(0) + "'";
            }
        }
        err.println(name + ": " + oneLine(message) + " (try '" + name + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static int failure(Exception e, CommandLine failedCommand, ParseResult parsed) {
        LOG.warn("{} failed", failedCommand.getCommandSpec().qualifiedName(), e);
        PrintWriter err = failedCommand.getErr();
        if (verboseRequested(parsed)) {
            e.printStackTrace(err);
        } else {
            err.println(failedCommand.getCommandSpec().qualifiedName() + ": " + describe(e)
                    + " (--verbose shows the stack trace)");
        }
        err.flush();
        return EXIT_FAILED;
    }

    /** Whether --verbose was given at any level ("hydra --verbose bench" or "hydra bench --verbose"). */
    static boolean verboseRequested(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** A failure in one line; a HydraException's message already starts with its code. */
    private static String describe(Throwable e) {
        // IllegalArgumentException is what config parsing throws: its message is the whole story.
        if (e instanceof HydraException || e instanceof IllegalArgumentException || e.getMessage() == null) {
            return oneLine(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        }
        return oneLine(e.toString());
    }

    /**
     * One line, without the Java class names that nested causes put into messages
     * ("java.net.BindException: Address already in use" reads "Address already in use").
     */
    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ")
                .replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
    }

    /** The version from the jar manifest; "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HydraCli.class.getPackage().getImplementationVersion();
            return new String[] {"hydra " + (v == null ? "dev" : v)};
        }
    }
}
