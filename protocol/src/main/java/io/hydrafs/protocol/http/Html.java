package io.hydrafs.protocol.http;

/**
 * Escaping for server-rendered HTML. Every string that came from configuration, the network or
 * the namespace goes through {@link #escape} before it is placed in a page, in text or in a
 * quoted attribute alike.
 */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Any value, escaped after {@link String#valueOf(Object)}. */
    public static String escape(Object o) {
        return escape(String.valueOf(o));
    }
}
