package io.hydrafs.meta.namespace;

/** The access an operation needs on an inode, as POSIX rwx bits (HDFS's FsAction). */
enum Access {
    READ(4),
    WRITE(2),
    EXECUTE(1),
    READ_EXECUTE(5),
    WRITE_EXECUTE(3),
    ALL(7);

    private final int bits;

    Access(int bits) {
        this.bits = bits;
    }

    /** Whether an rwx triplet (0-7) grants this access. */
    boolean grantedBy(int rwx) {
        return (rwx & bits) == bits;
    }
}
