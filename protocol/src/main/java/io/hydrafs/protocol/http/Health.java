package io.hydrafs.protocol.http;

import java.util.Objects;

/**
 * The answer of a {@link HealthCheck}: healthy, or not with a reason an operator can act on
 * (e.g. "no meta leader known"). The reason is shown to HTTP clients, so it must not carry
 * secrets or stack traces.
 */
public record Health(boolean healthy, String reason) {
    private static final Health OK = new Health(true, "");

    public Health {
        Objects.requireNonNull(reason, "reason");
    }

    public static Health ok() {
        return OK;
    }

    public static Health failing(String reason) {
        return new Health(false, reason);
    }
}
