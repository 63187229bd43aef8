package io.hydrafs.ops.cli;

import io.hydrafs.meta.server.MetaNode;
import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.protocol.config.HydraConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code hydra meta}: runs one metadata node in the foreground until SIGTERM/SIGINT, then
 * stops it cleanly. Settings come from the config file, and {@code --set key=value} overrides
 * (so one file can serve every node of a group: {@code --set hydra.meta.id=m2}).
 */
@Command(name = "meta", mixinStandardHelpOptions = true, description = "Run a metadata node.")
final class MetaCommand implements Callable<Integer> {
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
        MetaNodeConfig nodeConfig = MetaNodeConfig.from(config);
        MetaNode node = MetaNode.start(nodeConfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "meta-shutdown"));
        System.out.println("meta node " + node.id() + " serving clients on " + node.rpcAddress());
        System.out.flush();
        stopped.await();
        return HydraCli.EXIT_OK;
    }
}
