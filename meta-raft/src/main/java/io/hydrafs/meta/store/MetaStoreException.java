package io.hydrafs.meta.store;

/**
 * The storage engine failed (disk error, corruption, closed store). Unchecked and fatal: a
 * meta node that cannot apply an entry must stop rather than diverge from its peers.
 */
public class MetaStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MetaStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public MetaStoreException(String message) {
        super(message);
    }
}
