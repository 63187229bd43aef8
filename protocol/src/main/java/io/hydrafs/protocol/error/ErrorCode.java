package io.hydrafs.protocol.error;

import java.util.HashMap;
import java.util.Map;

/**
 * Every expected failure of a HydraFS call, with a number that crosses the wire and never
 * changes meaning. Bugs are not error codes: they fail an invariant check instead.
 *
 * <p>{@code retryable} tells the client whether the same call may succeed if sent again
 * (possibly to another meta node); it never retries a non-retryable code.
 */
public enum ErrorCode {
    // transport and service state: 1-19
    INTERNAL(1, false),
    MALFORMED_REQUEST(2, false),
    UNKNOWN_METHOD(3, false),
    FRAME_TOO_LARGE(4, false),
    NOT_LEADER(5, true),
    NO_LEADER(6, true),
    TIMEOUT(7, true),
    NOT_READY(8, true),
    IO_ERROR(9, false),
    CONNECTION_FAILED(10, true),
    SERVER_SHUTTING_DOWN(11, true),
    SERVER_BUSY(12, true),              // the server is at its limit of connections; another one, or later, may not be
    METADATA_DISK_FULL(13, false),      // the meta leader's disk is below its reserve: no namespace changes until space is freed

    // namespace: 20-59
    INVALID_PATH(20, false),
    NAME_TOO_LONG(21, false),
    FILE_NOT_FOUND(22, false),
    FILE_ALREADY_EXISTS(23, false),
    PARENT_NOT_DIRECTORY(24, false),
    NOT_A_DIRECTORY(25, false),
    IS_A_DIRECTORY(26, false),
    DIRECTORY_NOT_EMPTY(27, false),
    PERMISSION_DENIED(28, false),
    RENAME_INTO_SUBTREE(29, false),
    CANNOT_DELETE_ROOT(30, false),
    INVALID_ARGUMENT(31, false),
    PATH_TOO_DEEP(32, false),
    XATTR_NOT_FOUND(33, false),         // the extended attribute named is not on the inode
    XATTR_ALREADY_EXISTS(34, false),    // set with the create flag alone, and the attribute is there
    NAMESPACE_QUOTA_EXCEEDED(35, false), // a directory above would hold more files and directories than its quota
    SPACE_QUOTA_EXCEEDED(36, false),    // a directory above would hold more bytes (x replication) than its quota

    // leases and blocks: 60-79
    ALREADY_BEING_CREATED(60, false),
    LEASE_EXPIRED(61, false),
    NOT_UNDER_CONSTRUCTION(62, false),
    INVALID_BLOCK(63, false),
    NOT_ENOUGH_BLOCKSTORES(64, true),
    RECOVERY_IN_PROGRESS(65, true),

    // data path: 80-99
    CHECKSUM_MISMATCH(80, true),        // bytes do not match their CRC32C; another replica or a resend may succeed
    REPLICA_NOT_FOUND(81, false),
    REPLICA_ALREADY_EXISTS(82, false),
    STALE_GENERATION_STAMP(83, false),  // the replica or request carries an outdated generation stamp
    DISK_FULL(84, true),                // this blockstore has no room; another one may
    DISK_FAILED(85, true),              // a data directory failed; another blockstore may succeed
    BLOCK_MISSING(86, false),           // no live replica of a block is left
    PIPELINE_FAILED(87, true),          // a blockstore of the write pipeline failed
    END_OF_FILE(88, false),             // seek or positional read beyond the file's length

    // coordination records: 100-109
    VERSION_MISMATCH(100, false),       // compare-and-set or delete expected another version of the record
    LEASE_HELD(101, false);             // another holder has a live lease on the record (the message names it)

    private static final Map<Integer, ErrorCode> BY_NUMBER = new HashMap<>();
    static {
        for (ErrorCode c : values()) {
            ErrorCode previous = BY_NUMBER.put(c.number, c);
            if (previous != null) {
                throw new IllegalStateException("duplicate error number " + c.number);
            }
        }
    }

    private final int number;
    private final boolean retryable;

    ErrorCode(int number, boolean retryable) {
        this.number = number;
        this.retryable = retryable;
    }

    public int number() {
        return number;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The code for a number read off the wire; unknown numbers (a newer peer) map to INTERNAL. */
    public static ErrorCode fromNumber(int number) {
        return BY_NUMBER.getOrDefault(number, INTERNAL);
    }
}
