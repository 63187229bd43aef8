package io.hydrafs.ops.config;

import io.hydrafs.blockstore.server.BlockstoreConfigKeys;
import io.hydrafs.blockstore.storage.StorageConfigKeys;
import io.hydrafs.client.ClientConfigKeys;
import io.hydrafs.compute.coordinator.CoordinatorConfig;
import io.hydrafs.compute.worker.WorkerConfig;
import io.hydrafs.meta.blocks.BlockManagementConfigKeys;
import io.hydrafs.meta.namespace.NamespaceConfigKeys;
import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.protocol.config.ClusterConfigKeys;
import io.hydrafs.protocol.config.ConfigKey;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcConfigKeys;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every configuration key a HydraFS process understands, collected from the classes that
 * declare them (their {@code public static final ConfigKey} fields), so that a key added
 * there is known here without a second list to keep in step. The one file every role reads
 * is checked against it: a misspelt key would otherwise be ignored in silence and its
 * default used, the kind of mistake an operator finds only after an outage.
 */
public final class ConfigKeyCatalog {
    /** Classes declaring keys; a new role's key class is added here. */
    private static final List<Class<?>> DECLARERS = List.of(ClusterConfigKeys.class, RpcConfigKeys.class,
            MetaNodeConfig.class, NamespaceConfigKeys.class, BlockManagementConfigKeys.class,
            BlockstoreConfigKeys.class, StorageConfigKeys.class, ClientConfigKeys.class);

    /** Keys declared as lists rather than fields (the compute roles' {@code keys()}). */
    private static final List<ConfigKey<?>> LISTED = concat(CoordinatorConfig.keys(), WorkerConfig.keys());

    /**
     * Keys under this prefix are Apache Ratis's own, handed to the meta nodes' Raft servers
     * verbatim (see RaftServerFactory): an escape hatch for tuning Ratis, so they cannot be
     * listed here.
     */
    public static final String RATIS_PREFIX = "raft.";

    private final Set<String> names;

    private ConfigKeyCatalog(Set<String> names) {
        this.names = names;
    }

    public static ConfigKeyCatalog ofAllRoles() {
        return of(DECLARERS, LISTED);
    }

    static ConfigKeyCatalog of(Collection<Class<?>> declarers) {
        return of(declarers, List.of());
    }

    /** The keys of {@code declarers}' fields and the {@code listed} ones. */
    static ConfigKeyCatalog of(Collection<Class<?>> declarers, Collection<? extends ConfigKey<?>> listed) {
        Set<String> names = new TreeSet<>();
        listed.forEach(k -> names.add(k.name()));
        for (Class<?> c : declarers) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && ConfigKey.class.isAssignableFrom(f.getType())) {
                    try {
                        names.add(((ConfigKey<?>) f.get(null)).name());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("cannot read config key " + c.getName() + "." + f.getName(), e);
                    }
                }
            }
        }
        return new ConfigKeyCatalog(names);
    }

    public boolean knows(String name) {
        return names.contains(name) || (name.startsWith(RATIS_PREFIX) && name.length() > RATIS_PREFIX.length());
    }

    /**
     * Fails with INVALID_ARGUMENT naming the first unknown key of {@code given} (in order) and,
     * when one is close, the known key it was probably meant to be.
     *
     * @param source where the keys came from, for the message (a file, "--set")
     */
    public void requireKnown(Collection<String> given, String source) throws HydraException {
        for (String name : given) {
            if (!knows(name)) {
                String hint = closest(name).map(k -> " (did you mean " + k + "?)").orElse("");
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "unknown config key " + name + " in " + source + hint);
            }
        }
    }

    /** The known key at the smallest edit distance, if it is small for the name's length. */
    Optional<String> closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : names) {
            int d = editDistance(name, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 8) ? Optional.ofNullable(best) : Optional.empty();
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }

    private static List<ConfigKey<?>> concat(List<ConfigKey<?>> a, List<ConfigKey<?>> b) {
        List<ConfigKey<?>> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    List<String> names() {
        return new ArrayList<>(names);
    }
}
