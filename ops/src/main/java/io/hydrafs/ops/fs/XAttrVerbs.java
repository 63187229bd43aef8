package io.hydrafs.ops.fs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code getfattr} and {@code setfattr}: extended attributes, printed and given as HDFS's shell does. */
public final class XAttrVerbs {
    private final FsSession session;

    public XAttrVerbs(FsSession session) {
        this.session = session;
    }

    /** How values are printed: {@code "text"}, {@code 0x} hex or {@code 0s} base64. */
    public enum Encoding {
        TEXT, HEX, BASE64;

        public static Encoding parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("encoding '" + text + "' is not text, hex or base64");
            }
        }

        String encode(byte[] value) {
            return switch (this) {
                case TEXT -> "\"" + new String(value, StandardCharsets.UTF_8) + "\"";
                case HEX -> "0x" + HexFormat.of().formatHex(value);
                case BASE64 -> "0s" + Base64.getEncoder().encodeToString(value);
            };
        }
    }

    /**
     * A value as {@code setfattr -v} takes it: {@code "quoted text"}, {@code 0x} then hex digits,
     * {@code 0s} then base64, else the text itself.
     */
    public static byte[] decode(String text) {
        try {
            if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                return text.substring(1, text.length() - 1).getBytes(StandardCharsets.UTF_8);
            }
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return HexFormat.of().parseHex(text.substring(2));
            }
            if (text.startsWith("0s") || text.startsWith("0S")) {
                return Base64.getDecoder().decode(text.substring(2));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("value '" + text + "' is not valid hex or base64: " + e.getMessage());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * For each path, "# file: PATH" then one NAME=VALUE line per attribute: the one named, or
     * every one the caller may see when {@code name} is null.
     */
    public void getfattr(List<String> paths, String name, Encoding encoding) {
        session.forEach(paths, path -> {
            String resolved = session.resolve(path);
            Map<String, byte[]> xattrs = session.fs().getXAttrs(resolved, name == null ? List.of() : List.of(name));
            session.println("# file: " + resolved);
            xattrs.forEach((n, v) -> session.println(n + "=" + encoding.encode(v)));
        });
    }

    /** Sets {@code name} to {@code value} on each path (created or replaced). */
    public void setfattr(List<String> paths, String name, byte[] value) {
        session.forEach(paths, path -> session.fs().setXAttr(session.resolve(path), name, value));
    }

    /** Removes {@code name} from each path; a path without it fails. */
    public void removefattr(List<String> paths, String name) {
        session.forEach(paths, path -> session.fs().removeXAttr(session.resolve(path), name));
    }
}
