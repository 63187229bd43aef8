package io.hydrafs.protocol.config;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One typed, documented configuration key with a default and a validator. Keys are declared
 * as constants by the module that reads them (e.g. {@code MetaConfigKeys}); units are part of
 * the name ({@code ...Ms}, {@code ...Bytes}).
 */
public final class ConfigKey<T> {
    private final String name;
    private final T defaultValue;
    private final String doc;
    private final Function<String, T> parser;
    private final Predicate<T> validator;
    private final String validRange;

    private ConfigKey(String name, T defaultValue, String doc, Function<String, T> parser,
                      Predicate<T> validator, String validRange) {
        this.name = Objects.requireNonNull(name);
        this.defaultValue = defaultValue;
        this.doc = Objects.requireNonNull(doc);
        this.parser = parser;
        this.validator = validator;
        this.validRange = validRange;
    }

    public static ConfigKey<String> string(String name, String defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, s -> s, v -> true, "any string");
    }

    public static ConfigKey<Integer> integer(String name, int defaultValue, int min, int max, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, Integer::parseInt,
                v -> v >= min && v <= max, "an integer in [" + min + ", " + max + "]");
    }

    public static ConfigKey<Long> longKey(String name, long defaultValue, long min, long max, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, Long::parseLong,
                v -> v >= min && v <= max, "an integer in [" + min + ", " + max + "]");
    }

    public static ConfigKey<Boolean> bool(String name, boolean defaultValue, String doc) {
        return new ConfigKey<>(name, defaultValue, doc, s -> {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException("not a boolean");
        }, v -> true, "true or false");
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** Parses and validates a raw value; the message names the key and the accepted range. */
    T parse(String raw) {
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("config key " + name + " = '" + raw + "' is not " + validRange);
        }
        if (!validator.test(value)) {
            throw new IllegalArgumentException("config key " + name + " = '" + raw + "' is not " + validRange);
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }
}
