package io.hydrafs.ops.cli;

import io.hydrafs.client.AclEntry;
import io.hydrafs.ops.fs.AclVerbs;
import io.hydrafs.ops.fs.FsSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code hydra fs getfacl} and {@code setfacl}: POSIX ACLs, as {@code hdfs dfs} has them. */
final class AclCommands {
    private AclCommands() {
    }

    @Command(name = "getfacl", mixinStandardHelpOptions = true,
            description = "Prints the ACL of each path, as 'hdfs dfs -getfacl': '# file/owner/group', then every "
                    + "entry, those the mask cuts down with '#effective:'.")
    static final class Getfacl extends FsVerbCommand {
        @Option(names = "-R", description = "Also everything below each directory.")
        boolean recursive;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;

        @Override
        void run(FsSession session) {
            new AclVerbs(session).getfacl(paths, recursive);
        }
    }

    @Command(name = "setfacl", mixinStandardHelpOptions = true,
            description = "Changes the ACL of each path, as 'hdfs dfs -setfacl'. ACL_SPEC: comma-separated entries "
                    + "[default:]user|group|mask|other:[NAME]:rwx (-x takes them without the rwx).")
    static final class Setfacl extends FsVerbCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;
        @Option(names = "-R", description = "Also everything below each directory.")
        boolean recursive;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;
        private AclVerbs.Change change;
        private List<AclEntry> spec = List.of();

        static final class What {
            @Option(names = "-m", paramLabel = "ACL_SPEC", description = "Adds or changes these entries.")
            String modify;
            @Option(names = "-x", paramLabel = "ACL_SPEC", description = "Removes these entries.")
            String remove;
            @Option(names = "--set", paramLabel = "ACL_SPEC",
                    description = "Replaces the ACL (the user, group and other entries are required).")
            String set;
            @Option(names = "-b", description = "Removes every entry but the permission bits'.")
            boolean removeAll;
            @Option(names = "-k", description = "Removes the default ACL.")
            boolean removeDefault;
        }

        @Override
        void validate() {
            if (what.modify != null) {
                change = AclVerbs.Change.MODIFY;
                spec = AclVerbs.parseSpec(what.modify, true);
            } else if (what.remove != null) {
                change = AclVerbs.Change.REMOVE_ENTRIES;
                spec = AclVerbs.parseSpec(what.remove, false);
            } else if (what.set != null) {
                change = AclVerbs.Change.SET;
                spec = AclVerbs.parseSpec(what.set, true);
            } else {
                change = what.removeAll ? AclVerbs.Change.REMOVE : AclVerbs.Change.REMOVE_DEFAULT;
            }
        }

        @Override
        void run(FsSession session) {
            new AclVerbs(session).setfacl(change, spec, paths, recursive);
        }
    }
}
