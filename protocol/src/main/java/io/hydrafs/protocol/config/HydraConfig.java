package io.hydrafs.protocol.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one configuration mechanism: string properties (from a {@code hydra.properties} file,
 * from code, or both) read through typed {@link ConfigKey}s. Immutable; {@link #with} returns
 * a copy, which keeps tests free of shared mutable config.
 */
public final class HydraConfig {
    private final Map<String, String> values;

    private HydraConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static HydraConfig empty() {
        return new HydraConfig(Map.of());
    }

    public static HydraConfig of(Map<String, String> values) {
        return new HydraConfig(values);
    }

    public static HydraConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return new HydraConfig(m);
    }

    public <T> T get(ConfigKey<T> key) {
        String raw = values.get(key.name());
        return raw == null ? key.defaultValue() : key.parse(raw);
    }

    public boolean isSet(ConfigKey<?> key) {
        return values.containsKey(key.name());
    }

    /** The raw value of any key, including ones not declared as a ConfigKey (e.g. per-peer lists). */
    public String raw(String name) {
        return values.get(name);
    }

    public <T> HydraConfig with(ConfigKey<T> key, T value) {
        return with(key.name(), String.valueOf(value));
    }

    public HydraConfig with(String name, String value) {
        Map<String, String> m = new TreeMap<>(values);
        m.put(name, value);
        return new HydraConfig(m);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Fails fast with the key's name if any of the given keys holds an invalid value. */
    public void validate(Iterable<ConfigKey<?>> keys) {
        for (ConfigKey<?> k : keys) {
            get(k);
        }
    }
}
