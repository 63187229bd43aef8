package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.config.HydraConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamespacePolicyTest {
    @Test
    void defaultsAreHdfsDefaults() {
        NamespacePolicy p = NamespacePolicy.defaults();
        assertEquals(System.getProperty("user.name"), p.superuser());
        assertEquals("supergroup", p.supergroup());
        assertEquals(022, p.umask());
        assertEquals(3, p.defaultReplication());
        assertEquals(1, p.minReplication());
        assertEquals(512, p.maxReplication());
        assertEquals(128L << 20, p.defaultBlockSizeBytes());
        assertEquals(1L << 20, p.minBlockSizeBytes());
        assertEquals(255, p.maxNameLengthBytes());
        assertEquals(1000, p.maxPathDepth());
        assertEquals(1000, p.listingPageSize());
        assertEquals(10_000, p.maxListingPageSize());
    }

    @Test
    void emptyConfigGivesTheDefaults() {
        assertEquals(NamespacePolicy.defaults(), NamespacePolicy.fromConfig(HydraConfig.empty()));
        HydraConfig.empty().validate(NamespaceConfigKeys.all());
    }

    @Test
    void configKeysSetEveryField() {
        HydraConfig c = HydraConfig.empty()
                .with(NamespaceConfigKeys.SUPERUSER, "root")
                .with(NamespaceConfigKeys.SUPERGROUP, "wheel")
                .with(NamespaceConfigKeys.UMASK.name(), "077")
                .with(NamespaceConfigKeys.DEFAULT_REPLICATION, 2)
                .with(NamespaceConfigKeys.MIN_REPLICATION, 2)
                .with(NamespaceConfigKeys.MAX_REPLICATION, 4)
                .with(NamespaceConfigKeys.DEFAULT_BLOCK_SIZE_BYTES, 4096L)
                .with(NamespaceConfigKeys.MIN_BLOCK_SIZE_BYTES, 512L)
                .with(NamespaceConfigKeys.MAX_NAME_LENGTH_BYTES, 100)
                .with(NamespaceConfigKeys.MAX_PATH_DEPTH, 10)
                .with(NamespaceConfigKeys.LISTING_PAGE_SIZE, 5)
                .with(NamespaceConfigKeys.MAX_LISTING_PAGE_SIZE, 50);

        NamespacePolicy expected = NamespacePolicy.builder().superuser("root").supergroup("wheel").umask(077)
                .defaultReplication(2).minReplication(2).maxReplication(4)
                .defaultBlockSizeBytes(4096).minBlockSizeBytes(512).maxNameLengthBytes(100).maxPathDepth(10)
                .listingPageSize(5).maxListingPageSize(50).build();
        assertEquals(expected, NamespacePolicy.fromConfig(c));
        assertEquals(expected, expected.toBuilder().build());
    }

    @Test
    void umaskThatIsNotOctalFailsNamingTheKey() {
        HydraConfig c = HydraConfig.empty().with(NamespaceConfigKeys.UMASK.name(), "089");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NamespacePolicy.fromConfig(c));
        assertTrue(e.getMessage().contains(NamespaceConfigKeys.UMASK.name()), e.getMessage());
    }

    @Test
    void crossFieldRulesAreCheckedWhenBuilt() {
        assertThrows(IllegalArgumentException.class,
                () -> NamespacePolicy.builder().minReplication(3).maxReplication(2).build());
        assertThrows(IllegalArgumentException.class,
                () -> NamespacePolicy.builder().defaultReplication(600).build());
        assertThrows(IllegalArgumentException.class,
                () -> NamespacePolicy.builder().defaultBlockSizeBytes(1000).minBlockSizeBytes(512).build());
        assertThrows(IllegalArgumentException.class,
                () -> NamespacePolicy.builder().minBlockSizeBytes(1000).build());
        assertThrows(IllegalArgumentException.class,
                () -> NamespacePolicy.builder().listingPageSize(20).maxListingPageSize(10).build());
        assertThrows(IllegalArgumentException.class, () -> NamespacePolicy.builder().superuser("").build());
    }

    @Test
    void outOfRangeConfigValueFailsNamingTheKey() {
        HydraConfig c = HydraConfig.empty().with(NamespaceConfigKeys.MIN_BLOCK_SIZE_BYTES.name(), "100");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NamespacePolicy.fromConfig(c));
        assertTrue(e.getMessage().contains(NamespaceConfigKeys.MIN_BLOCK_SIZE_BYTES.name()), e.getMessage());
    }
}
