package io.hydrafs.ops.cli;

import io.hydrafs.blockstore.server.BlockstoreNode;
import io.hydrafs.protocol.config.HydraConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hydra blockstore}: runs one blockstore in the foreground until SIGTERM/SIGINT, then
 * stops it cleanly. Settings come from the config file, and {@code --set key=value} overrides.
 */
@Command(name = "blockstore", mixinStandardHelpOptions = true, description = "Run a blockstore.")
final class BlockstoreCommand implements Callable<Integer> {
    @Option(names = "--config", description = "Config file (properties).")
    Path configFile;

    @Option(names = "--set", description = "Override a config key: key=value (repeatable).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        HydraConfig config = configFile == null ? HydraConfig.empty() : HydraConfig.load(configFile);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            config = config.with(e.getKey(), e.getValue());
        }
        BlockstoreNode node = BlockstoreNode.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "blockstore-shutdown"));
        System.out.println("blockstore " + node.id() + " serving data on " + node.location().getHost() + ":"
                + node.location().getDataPort());
        System.out.flush();
        stopped.await();
        return HydraCli.EXIT_OK;
    }
}
