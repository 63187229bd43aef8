package io.hydrafs.ops.cli;

import io.hydrafs.ops.fs.AttributeVerbs;
import io.hydrafs.ops.fs.CopyVerbs;
import io.hydrafs.ops.fs.FsArguments;
import io.hydrafs.ops.fs.FsSession;
import io.hydrafs.ops.fs.ListVerbs;
import io.hydrafs.ops.fs.NamespaceVerbs;
import io.hydrafs.ops.fs.ReadVerbs;
import io.hydrafs.ops.fs.StatFormat;
import io.hydrafs.ops.fs.StatusVerbs;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.OutputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code hydra fs VERB}: the file shell, with the verbs and output formats of {@code hdfs dfs}.
 * Each verb is a thin picocli class over the logic in {@code io.hydrafs.ops.fs}; the options
 * they share are in {@link FsClusterOptions}, what they do around their work in
 * {@link FsVerbCommand}.
 */
@Command(name = "fs", mixinStandardHelpOptions = true,
        description = "Work with files and directories, as 'hdfs dfs' does.",
        subcommands = {FsCommand.Ls.class, FsCommand.Mkdir.class, FsCommand.Put.class, FsCommand.Get.class,
            FsCommand.Cat.class, FileCommands.Head.class, FsCommand.Tail.class, FsCommand.Rm.class, FsCommand.Rmdir.class,
            FsCommand.Mv.class, FsCommand.Concat.class, FileCommands.Touchz.class, FileCommands.AppendToFile.class,
            FileCommands.Getmerge.class, FileCommands.Find.class,
            FsCommand.Cp.class, FsCommand.Stat.class, FsCommand.Checksum.class, FsCommand.Du.class,
            QuotaCommands.Count.class, FsCommand.Df.class, XAttrCommands.Getfattr.class, XAttrCommands.Setfattr.class,
            AclCommands.Getfacl.class, AclCommands.Setfacl.class,
            FsCommand.Chmod.class, FsCommand.Chown.class, FsCommand.Chgrp.class, FsCommand.Setrep.class,
            FsCommand.Truncate.class,
            FsCommand.Test.class},
        footer = {"%nPaths are absolute or relative to /user/NAME. Exit code 0 if every path succeeded, 1 if one "
                + "failed (each failure is one line on stderr), 2 for a wrong command line."})
final class FsCommand implements Callable<Integer> {
    /** How often {@code setrep -w} checks the replicas. */
    static final long REPLICATION_POLL_MS = 200;

    private final OutputStream dataOut;

    @Spec
    CommandSpec spec;

    /** @param dataOut where file bytes go ({@code cat}, {@code tail}): stdout, beside the text writer */
    FsCommand(OutputStream dataOut) {
        this.dataOut = dataOut;
    }

    OutputStream dataOut() {
        return dataOut;
    }

    /** {@code hydra fs} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return HydraCli.EXIT_USAGE;
    }

    // ls and du take -h for human sizes, as HDFS, so they have --help alone
    @Command(name = "ls",
            description = "Lists directories (\"Found N items\" first) and files, as 'hdfs dfs -ls': permission, "
                    + "replication, owner, group, size, modification time, path.")
    static final class Ls extends FsVerbCommand {
        @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Option(names = "-R", description = "Lists subdirectories recursively.")
        boolean recursive;
        @Option(names = "-d", description = "Lists directories as plain entries, not their contents.")
        boolean directories;
        @Option(names = "-h", description = "Sizes in K, M, G...")
        boolean human;
        @Parameters(arity = "0..*", paramLabel = "PATH", description = "Default: the home directory.")
        List<String> paths = List.of(".");

        @Override
        void run(FsSession session) {
            new ListVerbs(session, ZoneId.systemDefault()).ls(paths, recursive, directories, human);
        }
    }

    @Command(name = "mkdir", mixinStandardHelpOptions = true, description = "Makes directories.")
    static final class Mkdir extends FsVerbCommand {
        @Option(names = "-p", description = "Makes missing parents; an existing directory is not an error.")
        boolean parents;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new NamespaceVerbs(session).mkdir(paths, parents);
        }
    }

    @Command(name = "put", aliases = "copyFromLocal", mixinStandardHelpOptions = true,
            description = "Copies local files or directories to HydraFS; into DST when it is a directory.")
    static final class Put extends FsVerbCommand {
        @Option(names = "-f", description = "Replaces existing files.")
        boolean force;
        @Parameters(arity = "2..*", paramLabel = "LOCAL... DST")
        List<String> args;

        @Override
        void run(FsSession session) {
            new CopyVerbs(session).put(args.subList(0, args.size() - 1), args.get(args.size() - 1), force);
        }
    }

    @Command(name = "get", aliases = "copyToLocal", mixinStandardHelpOptions = true,
            description = "Copies files or directories from HydraFS to the local file system; into LOCALDST when it "
                    + "is a directory.")
    static final class Get extends FsVerbCommand {
        @Option(names = "-f", description = "Replaces existing local files.")
        boolean force;
        @Parameters(arity = "2..*", paramLabel = "SRC... LOCALDST")
        List<String> args;

        @Override
        void run(FsSession session) {
            new CopyVerbs(session).get(args.subList(0, args.size() - 1), args.get(args.size() - 1), force);
        }
    }

    @Command(name = "cat", mixinStandardHelpOptions = true, description = "Prints files' bytes to stdout.")
    static final class Cat extends FsVerbCommand {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new ReadVerbs(session).cat(paths);
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, description = "Prints the last 1 KiB of a file.")
    static final class Tail extends FsVerbCommand {
        @Parameters(paramLabel = "PATH")
        String path;

        @Override
        void run(FsSession session) {
            new ReadVerbs(session).tail(path);
        }
    }

    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Deletes files and directories.")
    static final class Rm extends FsVerbCommand {
        @Option(names = "-r", description = "Deletes directories with everything below them.")
        boolean recursive;
        @Option(names = "-f", description = "A missing path is not an error.")
        boolean force;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new NamespaceVerbs(session).rm(paths, recursive, force);
        }
    }

    @Command(name = "rmdir", mixinStandardHelpOptions = true, description = "Deletes empty directories.")
    static final class Rmdir extends FsVerbCommand {
        @Option(names = "--ignore-fail-on-non-empty", description = "A directory with entries is left, silently.")
        boolean ignoreNonEmpty;
        @Parameters(arity = "1..*", paramLabel = "DIR")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new NamespaceVerbs(session).rmdir(paths, ignoreNonEmpty);
        }
    }

    @Command(name = "mv", mixinStandardHelpOptions = true,
            description = "Moves files or directories; into DST when it is a directory.")
    static final class Mv extends FsVerbCommand {
        @Parameters(arity = "2..*", paramLabel = "SRC... DST")
        List<String> args;

        @Override
        void run(FsSession session) {
            new NamespaceVerbs(session).mv(args.subList(0, args.size() - 1), args.get(args.size() - 1));
        }
    }

    @Command(name = "concat", mixinStandardHelpOptions = true,
            description = "Joins the SRC files, in order, onto the end of TARGET and deletes them, as 'hdfs dfs "
                    + "-concat': no byte is copied. All must be closed files in one directory, each SRC non-empty.")
    static final class Concat extends FsVerbCommand {
        @Parameters(arity = "2..*", paramLabel = "TARGET SRC...")
        List<String> args;

        @Override
        void run(FsSession session) {
            new NamespaceVerbs(session).concat(args.get(0), args.subList(1, args.size()));
        }
    }

    @Command(name = "cp", mixinStandardHelpOptions = true,
            description = "Copies files or directories within HydraFS; into DST when it is a directory.")
    static final class Cp extends FsVerbCommand {
        @Option(names = "-f", description = "Replaces existing files.")
        boolean force;
        @Parameters(arity = "2..*", paramLabel = "SRC... DST")
        List<String> args;

        @Override
        void run(FsSession session) {
            new CopyVerbs(session).cp(args.subList(0, args.size() - 1), args.get(args.size() - 1), force);
        }
    }

    @Command(name = "stat", mixinStandardHelpOptions = true,
            // picocli formats descriptions with String.format: %% prints one %
            description = "Prints attributes of each path, as FORMAT says (with more than one argument, a first one "
                    + "holding %% is the format): %%a %%A permission (octal, rwx), %%b size, %%F type, %%g group, "
                    + "%%n name, %%o block size, %%r replication, %%u owner, %%x %%X access time (UTC date, ms), "
                    + "%%y %%Y modification time (UTC date, ms), %%%% a percent sign. Default: %%y.")
    static final class Stat extends FsVerbCommand {
        @Parameters(arity = "1..*", paramLabel = "[FORMAT] PATH")
        List<String> args;
        private StatFormat format;
        private List<String> paths;

        @Override
        void validate() {
            boolean formatGiven = args.size() > 1 && args.get(0).contains("%");
            format = StatFormat.parse(formatGiven ? args.get(0) : StatFormat.DEFAULT);
            paths = formatGiven ? args.subList(1, args.size()) : args;
        }

        @Override
        void run(FsSession session) {
            new StatusVerbs(session).stat(format, paths);
        }
    }

    @Command(name = "checksum", mixinStandardHelpOptions = true,
            description = "Prints each file's checksum as 'hdfs dfs -checksum': path, COMPOSITE-CRC32C, the CRC32C "
                    + "of its bytes in hex (equal to HDFS's with dfs.checksum.combine.mode=COMPOSITE_CRC).")
    static final class Checksum extends FsVerbCommand {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new StatusVerbs(session).checksum(paths);
        }
    }

    @Command(name = "du",
            description = "Shows the size and the space consumed with all replicas: of each entry of a directory, "
                    + "or of the path itself with -s.")
    static final class Du extends FsVerbCommand {
        @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Option(names = "-s", description = "One total line per path.")
        boolean summary;
        @Option(names = "-h", description = "Sizes in K, M, G...")
        boolean human;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new ListVerbs(session, ZoneId.systemDefault()).du(paths, summary, human);
        }
    }

    @Command(name = "df",
            description = "Shows the cluster's size, used and available space and use in percent (the live "
                    + "blockstores', as their latest heartbeats said), as 'hdfs dfs -df'.")
    static final class Df extends FsVerbCommand {
        @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
        boolean help;
        @Option(names = "-h", description = "Sizes in K, M, G...")
        boolean human;

        @Override
        void run(FsSession session) {
            new StatusVerbs(session).df(human);
        }
    }

    @Command(name = "chmod", mixinStandardHelpOptions = true, description = "Changes permissions (octal MODE).")
    static final class Chmod extends FsVerbCommand {
        @Option(names = "-R", description = "Also everything below directories.")
        boolean recursive;
        @Parameters(index = "0", paramLabel = "MODE", description = "Octal, e.g. 755 or 1777.")
        String mode;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
        List<String> paths;
        private int bits;

        @Override
        void validate() {
            bits = FsArguments.mode(mode);
        }

        @Override
        void run(FsSession session) {
            new AttributeVerbs(session, REPLICATION_POLL_MS).chmod(bits, paths, recursive);
        }
    }

    @Command(name = "chown", mixinStandardHelpOptions = true,
            description = "Changes the owner and/or group (only the superuser may change owners).")
    static final class Chown extends FsVerbCommand {
        @Option(names = "-R", description = "Also everything below directories.")
        boolean recursive;
        @Parameters(index = "0", paramLabel = "OWNER[:GROUP]", description = "OWNER, OWNER:GROUP or :GROUP.")
        String spec;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
        List<String> paths;
        private FsArguments.Ownership ownership;

        @Override
        void validate() {
            ownership = FsArguments.Ownership.parse(spec);
        }

        @Override
        void run(FsSession session) {
            new AttributeVerbs(session, REPLICATION_POLL_MS).chown(ownership, paths, recursive);
        }
    }

    @Command(name = "chgrp", mixinStandardHelpOptions = true, description = "Changes the group of each path.")
    static final class Chgrp extends FsVerbCommand {
        @Option(names = "-R", description = "Also everything below directories.")
        boolean recursive;
        @Parameters(index = "0", paramLabel = "GROUP")
        String group;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
        List<String> paths;
        private FsArguments.Ownership ownership;

        @Override
        void validate() {
            ownership = FsArguments.Ownership.parse(":" + group);
        }

        @Override
        void run(FsSession session) {
            new AttributeVerbs(session, REPLICATION_POLL_MS).chown(ownership, paths, recursive);
        }
    }

    @Command(name = "truncate", mixinStandardHelpOptions = true,
            description = "Cuts files to LENGTH bytes, as 'hdfs dfs -truncate'. Done at once on a block boundary; "
                    + "otherwise the block the end falls in is cut by a block recovery first.")
    static final class Truncate extends FsVerbCommand {
        @Option(names = "-w", description = "Waits until a block being cut is done and the file is closed.")
        boolean await;
        @Parameters(index = "0", paramLabel = "LENGTH")
        long length;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void validate() {
            if (length < 0) {
                throw new IllegalArgumentException("length " + length + " is negative");
            }
        }

        @Override
        void run(FsSession session) {
            new AttributeVerbs(session, REPLICATION_POLL_MS).truncate(length, paths, await);
        }
    }

    @Command(name = "setrep", mixinStandardHelpOptions = true,
            description = "Changes the replication of files (of every file below a directory).")
    static final class Setrep extends FsVerbCommand {
        @Option(names = "-w", description = "Waits until every block has at least N replicas.")
        boolean await;
        @Parameters(index = "0", paramLabel = "N")
        String replication;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "PATH")
        List<String> paths;
        private int n;

        @Override
        void validate() {
            n = FsArguments.replication(replication);
        }

        @Override
        void run(FsSession session) {
            new AttributeVerbs(session, REPLICATION_POLL_MS).setrep(n, paths, await);
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Exit code 0 if the condition holds for PATH, 1 if not; prints nothing.")
    static final class Test extends FsVerbCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Condition condition;
        @Parameters(paramLabel = "PATH")
        String path;

        static final class Condition {
            @Option(names = "-e", description = "PATH exists.")
            boolean exists;
            @Option(names = "-d", description = "PATH is a directory.")
            boolean directory;
            @Option(names = "-f", description = "PATH is a file.")
            boolean file;
            @Option(names = "-z", description = "PATH has length 0.")
            boolean zero;
            @Option(names = "-s", description = "PATH is a file longer than 0 bytes.")
            boolean nonEmpty;

            StatusVerbs.Condition value() {
                return exists ? StatusVerbs.Condition.EXISTS : directory ? StatusVerbs.Condition.DIRECTORY
                        : file ? StatusVerbs.Condition.FILE : zero ? StatusVerbs.Condition.ZERO_LENGTH
                        : StatusVerbs.Condition.NON_EMPTY;
            }
        }

        @Override
        void run(FsSession session) {
            new StatusVerbs(session).test(condition.value(), path);
        }
    }
}
