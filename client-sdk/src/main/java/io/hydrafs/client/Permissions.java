package io.hydrafs.client;

/** POSIX permission bits as HDFS uses them: rwx for user, group and others, plus the sticky bit. */
public final class Permissions {
    private Permissions() {
    }

    /** Default permission of a new directory (0777 minus the usual umask 022). */
    public static final int DEFAULT_DIRECTORY = 0755;
    /** Default permission of a new file (0666 minus the usual umask 022). */
    public static final int DEFAULT_FILE = 0644;
    /** Highest valid value: the sticky bit and rwxrwxrwx (HDFS has no setuid/setgid). */
    public static final int MAX = 01777;

    private static final int STICKY = 01000;

    /**
     * Formats like {@code ls -l} without the type letter: {@code 0755 -> rwxr-xr-x}. The sticky
     * bit shows as {@code t} in the others' execute place ({@code T} when others cannot execute).
     */
    public static String format(int bits) {
        char[] out = new char[9];
        String letters = "rwx";
        for (int i = 0; i < 9; i++) {
            boolean set = (bits & (1 << (8 - i))) != 0;
            out[i] = set ? letters.charAt(i % 3) : '-';
        }
        if ((bits & STICKY) != 0) {
            out[8] = out[8] == 'x' ? 't' : 'T';
        }
        return new String(out);
    }

    static boolean isValid(int bits) {
        return bits >= 0 && bits <= MAX;
    }
}
