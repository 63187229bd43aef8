package io.hydrafs.protocol.http;

import java.util.Objects;

/**
 * One HTTP answer of a status server, fully rendered: status code, content type and a UTF-8
 * body. Pages are small (metrics, health, a status table), so a body is a string, not a stream.
 */
public record HttpPage(int status, String contentType, String body) {
    public static final String HTML = "text/html; charset=utf-8";
    public static final String JSON = "application/json; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    public HttpPage {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    public static HttpPage html(String body) {
        return new HttpPage(200, HTML, body);
    }

    public static HttpPage json(String body) {
        return new HttpPage(200, JSON, body);
    }

    public static HttpPage text(String body) {
        return new HttpPage(200, TEXT, body);
    }

    /** A JSON error body {@code {"error": message}} with the given status. */
    public static HttpPage error(int status, String message) {
        return new HttpPage(status, JSON, new JsonWriter().beginObject().field("error", message).endObject().toJson());
    }
}
