package io.hydrafs.ops.cli;

import io.hydrafs.ops.fs.FsSession;
import io.hydrafs.ops.fs.XAttrVerbs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code hydra fs getfattr} and {@code setfattr}: extended attributes, as {@code hdfs dfs} has them. */
final class XAttrCommands {
    private XAttrCommands() {
    }

    @Command(name = "getfattr", mixinStandardHelpOptions = true,
            description = "Prints extended attributes of each path, as 'hdfs dfs -getfattr': '# file: PATH', then "
                    + "NAME=VALUE lines.")
    static final class Getfattr extends FsVerbCommand {
        @Option(names = "-n", paramLabel = "NAME", description = "The attribute to print (e.g. user.color).")
        String name;
        @Option(names = "-d", description = "Prints every attribute you may see.")
        boolean all;
        @Option(names = "-e", paramLabel = "ENCODING", defaultValue = "text",
                description = "How values are printed: text (quoted), hex (0x...) or base64 (0s...).")
        String encodingName;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;
        private XAttrVerbs.Encoding encoding;

        @Override
        void validate() {
            if (all == (name != null)) {
                throw new IllegalArgumentException("give either -n NAME or -d");
            }
            encoding = XAttrVerbs.Encoding.parse(encodingName);
        }

        @Override
        void run(FsSession session) {
            new XAttrVerbs(session).getfattr(paths, name, encoding);
        }
    }

    @Command(name = "setfattr", mixinStandardHelpOptions = true,
            description = "Sets (-n NAME -v VALUE) or removes (-x NAME) an extended attribute of each path, as "
                    + "'hdfs dfs -setfattr'. VALUE: \"text\", 0x then hex, 0s then base64, or plain text.")
    static final class Setfattr extends FsVerbCommand {
        @Option(names = "-n", paramLabel = "NAME", description = "The attribute to set (e.g. user.color).")
        String name;
        @Option(names = "-v", paramLabel = "VALUE", description = "Its value (empty when left out).")
        String value;
        @Option(names = "-x", paramLabel = "NAME", description = "The attribute to remove.")
        String remove;
        @Parameters(arity = "1..*", paramLabel = "PATH")
        List<String> paths;
        private byte[] bytes;

        @Override
        void validate() {
            if ((name == null) == (remove == null) || remove != null && value != null) {
                throw new IllegalArgumentException("give either -n NAME [-v VALUE] or -x NAME");
            }
            bytes = value == null ? new byte[0] : XAttrVerbs.decode(value);
        }

        @Override
        void run(FsSession session) {
            if (remove != null) {
                new XAttrVerbs(session).removefattr(paths, remove);
            } else {
                new XAttrVerbs(session).setfattr(paths, name, bytes);
            }
        }
    }
}
