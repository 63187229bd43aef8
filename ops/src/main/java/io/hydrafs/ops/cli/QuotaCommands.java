package io.hydrafs.ops.cli;

import io.hydrafs.client.DirectoryQuota;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.admin.AdminClient;
import io.hydrafs.ops.fs.FsErrors;
import io.hydrafs.ops.fs.FsSession;
import io.hydrafs.ops.fs.QuotaVerbs;
import io.hydrafs.protocol.error.HydraException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;

/**
 * Directory quotas from the shell: {@code hydra fs count} (as {@code hdfs dfs -count}) and the
 * superuser's {@code hydra admin set-quota, clear-quota, set-space-quota, clear-space-quota} (as
 * {@code hdfs dfsadmin -setQuota ...}). The admin verbs go on past a directory that fails, report
 * it on stderr and exit 1 at the end.
 */
final class QuotaCommands {
    private QuotaCommands() {
    }

    @Command(name = "count",
            description = "Counts directories, files and bytes under each path, as 'hdfs dfs -count'; -q adds the "
                    + "quotas and what is left of them.")
    static final class Count extends FsVerbCommand {
        @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Option(names = "-q", description = "QUOTA REM_QUOTA SPACE_QUOTA REM_SPACE_QUOTA first.")
        boolean quotas;
        @Option(names = "-h", description = "Sizes in K, M, G...")
        boolean human;
        @Option(names = "-v", description = "A header line first.")
        boolean header;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new QuotaVerbs(session).count(paths, quotas, human, header);
        }
    }

    /** Sets or clears one kind of quota on each directory given. */
    abstract static class QuotaVerb extends AdminCommand.Verb {
        abstract List<String> directories();

        /** The namespace and space quota values to send: a limit, NONE or DONT_SET. */
        abstract long[] values();

        @Override
        final int run(HydraFileSystem fs, AdminClient admin, PrintWriter out) {
            long[] values;
            try {
                values = values();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            int exit = HydraCli.EXIT_OK;
            for (String dir : directories()) {
                try {
                    fs.setQuota(dir, values[0], values[1]);
                } catch (HydraException e) {
                    err.println(spec.name() + ": " + dir + ": " + FsErrors.describe(e));
                    exit = HydraCli.EXIT_FAILED;
                }
            }
            err.flush();
            return exit;
        }
    }

    /** A verb that sets one kind of quota: {@code VERB VALUE DIR...}. */
    abstract static class SetVerb extends QuotaVerb {
        @Parameters(index = "0", paramLabel = "VALUE")
        String quota;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "DIR")
        List<String> dirs;

        @Override
        final List<String> directories() {
            return dirs;
        }
    }

    /** A verb that clears one kind of quota: {@code VERB DIR...}. */
    abstract static class ClearVerb extends QuotaVerb {
        @Parameters(arity = "1..*", paramLabel = "DIR")
        List<String> dirs;

        @Override
        final List<String> directories() {
            return dirs;
        }
    }

    @Command(name = "set-quota", mixinStandardHelpOptions = true,
            description = "Limits the files and directories under each DIR, itself included, to VALUE.")
    static final class SetQuota extends SetVerb {
        @Override
        long[] values() {
            return new long[] {QuotaVerbs.namespaceQuota(quota), DirectoryQuota.DONT_SET};
        }
    }

    @Command(name = "clear-quota", mixinStandardHelpOptions = true,
            description = "Removes the namespace quota of each DIR.")
    static final class ClearQuota extends ClearVerb {
        @Override
        long[] values() {
            return new long[] {DirectoryQuota.NONE, DirectoryQuota.DONT_SET};
        }
    }

    @Command(name = "set-space-quota", mixinStandardHelpOptions = true,
            description = "Limits the bytes under each DIR, replicas included, to VALUE (bytes, or with a suffix k, m, "
                    + "g, t, p, e). A file being written counts its last block whole.")
    static final class SetSpaceQuota extends SetVerb {
        @Override
        long[] values() {
            return new long[] {DirectoryQuota.DONT_SET, QuotaVerbs.spaceQuota(quota)};
        }
    }

    @Command(name = "clear-space-quota", mixinStandardHelpOptions = true,
            description = "Removes the space quota of each DIR.")
    static final class ClearSpaceQuota extends ClearVerb {
        @Override
        long[] values() {
            return new long[] {DirectoryQuota.DONT_SET, DirectoryQuota.NONE};
        }
    }
}
