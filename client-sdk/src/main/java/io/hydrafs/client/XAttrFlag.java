package io.hydrafs.client;

/**
 * How {@link HydraFileSystem#setXAttr} may treat an existing attribute, as Hadoop's
 * {@code XAttrSetFlag}: CREATE alone fails if it is there, REPLACE alone if it is not, both (or
 * neither) set it either way.
 */
public enum XAttrFlag {
    CREATE,
    REPLACE
}
