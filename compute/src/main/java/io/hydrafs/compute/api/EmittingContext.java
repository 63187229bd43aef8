package io.hydrafs.compute.api;

import java.io.IOException;
import java.util.Map;

/** The one {@link Context} implementation: everything fixed per attempt, emits go to a sink. */
public final class EmittingContext<K, V> implements Context<K, V> {

    /** Where emitted records go. */
    @FunctionalInterface
    public interface Sink<K, V> {
        void accept(K key, V value) throws IOException;
    }

    private final Sink<K, V> sink;
    private final Counters counters;
    private final Map<String, String> config;
    private final TaskAttemptId attempt;

    public EmittingContext(Sink<K, V> sink, Counters counters, Map<String, String> config, TaskAttemptId attempt) {
        this.sink = sink;
        this.counters = counters;
        this.config = Map.copyOf(config);
        this.attempt = attempt;
    }

    @Override
    public void emit(K key, V value) throws IOException {
        sink.accept(key, value);
    }

    @Override
    public Counters counters() {
        return counters;
    }

    @Override
    public Map<String, String> config() {
        return config;
    }

    @Override
    public TaskAttemptId attempt() {
        return attempt;
    }
}
