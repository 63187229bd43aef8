package io.hydrafs.ops.fs;

import io.hydrafs.client.FileStatus;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The format string of {@code stat}, as {@code hdfs dfs -stat} reads it. Conversions:
 * {@code %a} permission in octal, {@code %A} permission as rwx, {@code %b} length in bytes,
 * {@code %F} type ("directory" or "regular file"), {@code %g} group, {@code %n} name,
 * {@code %o} block size, {@code %r} replication, {@code %u} owner, {@code %x}/{@code %X}
 * access time as a date / in ms since the epoch, {@code %y}/{@code %Y} modification time
 * likewise, {@code %%} a percent sign. Dates are "yyyy-MM-dd HH:mm:ss" in UTC, as HDFS prints
 * them. The default format is {@code %y}.
 *
 * <p>A format is checked when it is built, so a bad one is a usage error before any path is read.
 */
public final class StatFormat {
    public static final String DEFAULT = "%y";
    private static final String CONVERSIONS = "aAbFgnoruxXyY%";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final String format;

    private StatFormat(String format) {
        this.format = format;
    }

    /** @throws IllegalArgumentException naming the bad conversion */
    public static StatFormat parse(String format) {
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) != '%') {
                continue;
            }
            if (i + 1 == format.length()) {
                throw new IllegalArgumentException("format '" + format + "' ends with a lone %");
            }
            char c = format.charAt(++i);
            if (CONVERSIONS.indexOf(c) < 0) {
                throw new IllegalArgumentException("unknown conversion %" + c + " in format '" + format
                        + "' (known: %a %A %b %F %g %n %o %r %u %x %X %y %Y %%)");
            }
        }
        return new StatFormat(format);
    }

    public String format(FileStatus s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            char conversion = format.charAt(++i);
            out.append(switch (conversion) {
                case 'a' -> Integer.toOctalString(s.permission());
                case 'A' -> s.permissionString();
                case 'b' -> Long.toString(s.length());
                case 'F' -> s.isDirectory() ? "directory" : "regular file";
                case 'g' -> s.group();
                case 'n' -> s.name().isEmpty() ? "/" : s.name();
                case 'o' -> Long.toString(s.blockSizeBytes());
                case 'r' -> Integer.toString(s.replication());
                case 'u' -> s.owner();
                case 'x' -> DATE.format(Instant.ofEpochMilli(s.accessTimeMs()));
                case 'X' -> Long.toString(s.accessTimeMs());
                case 'y' -> DATE.format(Instant.ofEpochMilli(s.modificationTimeMs()));
                case 'Y' -> Long.toString(s.modificationTimeMs());
                case '%' -> "%";
                default -> throw new IllegalStateException("conversion %" + conversion + " passed parse");
            });
        }
        return out.toString();
    }
}
