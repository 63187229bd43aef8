package io.hydrafs.ops.cli;

import io.hydrafs.ops.fs.CopyVerbs;
import io.hydrafs.ops.fs.FindVerbs;
import io.hydrafs.ops.fs.FsSession;
import io.hydrafs.ops.fs.NamespaceVerbs;
import io.hydrafs.ops.fs.ReadVerbs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code hydra fs touchz}, {@code appendToFile}, {@code head}, {@code getmerge} and {@code find}: more verbs of {@code hdfs dfs}. */
final class FileCommands {
    private FileCommands() {
    }

    @Command(name = "touchz", mixinStandardHelpOptions = true,
            description = "Creates empty files (and missing parents); an existing empty file is left alone, one "
                    + "with bytes is an error.")
    static final class Touchz extends FsVerbCommand {
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new NamespaceVerbs(session).touchz(paths);
        }
    }

    @Command(name = "appendToFile", mixinStandardHelpOptions = true,
            description = "Appends local files, in order, to DST ('-' reads standard input); DST is created when "
                    + "missing.")
    static final class AppendToFile extends FsVerbCommand {
        @Parameters(arity = "2..*", paramLabel = "LOCAL... DST")
        List<String> args;

        @Override
        void run(FsSession session) {
            new CopyVerbs(session).appendToFile(args.subList(0, args.size() - 1), args.get(args.size() - 1),
                    System.in);
        }
    }

    @Command(name = "head", mixinStandardHelpOptions = true, description = "Prints the first 1 KiB of a file.")
    static final class Head extends FsVerbCommand {
        @Parameters(paramLabel = "PATH")
        String path;

        @Override
        void run(FsSession session) {
            new ReadVerbs(session).head(path);
        }
    }

    @Command(name = "getmerge", mixinStandardHelpOptions = true,
            description = "Concatenates files into one local file: each SRC file, or a SRC directory's files in name "
                    + "order.")
    static final class Getmerge extends FsVerbCommand {
        @Option(names = "-nl", description = "A line break after each file.")
        boolean newline;
        @Parameters(arity = "2..*", paramLabel = "SRC... LOCALDST")
        List<String> args;

        @Override
        void run(FsSession session) {
            new CopyVerbs(session).getmerge(args.subList(0, args.size() - 1), args.get(args.size() - 1), newline);
        }
    }

    @Command(name = "find", mixinStandardHelpOptions = true,
            description = "Prints every path at or below each PATH whose name matches a glob, as 'hdfs dfs -find'.")
    static final class Find extends FsVerbCommand {
        @Option(names = "-name", paramLabel = "PATTERN", description = "A glob on the name (*, ?, [...], {a,b}).")
        String name;
        @Option(names = "-iname", paramLabel = "PATTERN", description = "As -name, ignoring case.")
        String iname;
        @Option(names = "-print", description = "Prints the matches (the default).")
        boolean print;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void validate() {
            if (name != null && iname != null) {
                throw new IllegalArgumentException("give -name or -iname, not both");
            }
            FindVerbs.check(name != null ? name : iname);
        }

        @Override
        void run(FsSession session) {
            new FindVerbs(session).find(paths, name != null ? name : iname, iname != null);
        }
    }
}
