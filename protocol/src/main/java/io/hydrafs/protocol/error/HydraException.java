package io.hydrafs.protocol.error;

import java.io.IOException;

/**
 * The one exception type of HydraFS's expected failures. It carries an {@link ErrorCode}
 * that crosses the wire unchanged, so a client sees the same code the server raised.
 */
public class HydraException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public HydraException(ErrorCode code, String message) {
        super(code.name() + ": " + message);
        this.code = code;
    }

    public HydraException(ErrorCode code, String message, Throwable cause) {
        super(code.name() + ": " + message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** The message without the code prefix, as sent on the wire. */
    public String detail() {
        String m = getMessage();
        String prefix = code.name() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    public boolean retryable() {
        return code.retryable();
    }
}
