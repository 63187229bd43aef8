package io.hydrafs.client;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ACL entries in getfacl's and setfacl's text, both ways. */
class AclEntryTest {
    @Test
    void entriesParseAndPrintAsGetfaclShowsThem() throws HydraException {
        for (String text : new String[] {"user:alice:rwx", "default:group::r-x", "mask::r--", "other::---"}) {
            assertEquals(text, AclEntry.parse(text, true).toString());
        }
        assertEquals(new AclEntry(true, AclEntry.Type.USER, "bob", 5), AclEntry.parse("default:user:bob:r-x", true));
    }

    @Test
    void toRemoveAnEntryItsPermissionMayBeLeftOut() throws HydraException {
        assertEquals(new AclEntry(false, AclEntry.Type.USER, "bob", 0), AclEntry.parse("user:bob", false));
        assertEquals(new AclEntry(true, AclEntry.Type.MASK, "", 0), AclEntry.parse("default:mask:", false));
    }

    @Test
    void malformedEntriesAreInvalidArguments() {
        for (String text : new String[] {"user:bob", "owner:bob:rwx", "user:bob:rwz", "user:bob:rw", "user", ""}) {
            HydraException e = assertThrows(HydraException.class, () -> AclEntry.parse(text, true), text);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
    }
}
