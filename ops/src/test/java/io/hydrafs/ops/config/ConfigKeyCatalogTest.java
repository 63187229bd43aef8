package io.hydrafs.ops.config;

import io.hydrafs.blockstore.storage.StorageConfigKeys;
import io.hydrafs.client.ClientConfigKeys;
import io.hydrafs.compute.coordinator.CoordinatorConfig;
import io.hydrafs.compute.worker.WorkerConfig;
import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigKeyCatalogTest {
    private final ConfigKeyCatalog catalog = ConfigKeyCatalog.ofAllRoles();

    @Test
    void knowsTheKeysOfEveryRole() {
        assertTrue(catalog.knows(MetaNodeConfig.ELECTION_MIN_MS.name()));
        assertTrue(catalog.knows(StorageConfigKeys.DATA_DIRS.name()));
        assertTrue(catalog.knows(ClientConfigKeys.META_ADDRESSES.name()));
        assertTrue(catalog.knows("hydra.meta.namespace.superuser"));
        assertTrue(catalog.knows("hydra.blockstore.heartbeat.interval.ms"));
    }

    @Test
    void knowsTheComputeRolesKeysDeclaredAsLists() {
        assertTrue(catalog.knows(CoordinatorConfig.PORT.name()));
        assertTrue(catalog.knows(WorkerConfig.COORDINATOR.name()));
        assertTrue(catalog.knows(WorkerConfig.COLOCATED_BLOCKSTORES.name()));
        assertTrue(catalog.knows("hydra.compute.worker.expiry.ms"));
    }

    @Test
    void ratisOwnKeysPassThroughUnchecked() {
        assertTrue(catalog.knows("raft.server.log.force.sync.num"));
        assertFalse(catalog.knows("raft."));
        assertFalse(catalog.knows("rafts.server.log.force.sync.num"));
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheKeyItWasProbablyMeantToBe() {
        HydraException e = assertThrows(HydraException.class, () -> catalog.requireKnown(
                List.of("hydra.meta.id", "hydra.meta.elektion.timeout.min.ms"), "/etc/hydra.properties"));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals("unknown config key hydra.meta.elektion.timeout.min.ms in /etc/hydra.properties "
                + "(did you mean hydra.meta.election.timeout.min.ms?)", e.detail());
    }

    @Test
    void aKeyFarFromEveryKnownOneGetsNoSuggestion() {
        HydraException e = assertThrows(HydraException.class,
                () -> catalog.requireKnown(List.of("color"), "--set"));

        assertEquals("unknown config key color in --set", e.detail());
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertEquals(0, ConfigKeyCatalog.editDistance("abc", "abc"));
        assertEquals(1, ConfigKeyCatalog.editDistance("abc", "abxc"));
        assertEquals(1, ConfigKeyCatalog.editDistance("abc", "ac"));
        assertEquals(1, ConfigKeyCatalog.editDistance("abc", "abd"));
        assertEquals(3, ConfigKeyCatalog.editDistance("", "abc"));
    }
}
