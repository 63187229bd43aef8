package io.hydrafs.ops.fs;

import io.hydrafs.client.AclEntry;
import io.hydrafs.client.AclStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** getfacl's lines and setfacl's ACL specs, as HDFS's shell prints and reads them. */
class AclVerbsTest {
    private static List<AclEntry> spec(String text) {
        return AclVerbs.parseSpec(text, true);
    }

    @Test
    void withoutEntriesTheAclIsThePermissionBits() {
        assertEquals(List.of("# file: /d", "# owner: ann", "# group: eng", "user::rwx", "group::r-x", "other::---"),
                AclVerbs.lines("/d", new AclStatus("ann", "eng", 0750, List.of())));
    }

    @Test
    void anExtendedAclShowsTheMaskAndWhatItCutsDown() {
        AclStatus acl = new AclStatus("ann", "eng", 0740, spec("user:bob:rwx,group::r-x,default:user::rwx,"
                + "default:group:ops:rwx,default:mask::r-x,default:other::---"));

        assertEquals(List.of("# file: /d", "# owner: ann", "# group: eng", "user::rwx", "user:bob:rwx\t#effective:r--",
                "group::r-x\t#effective:r--", "mask::r--", "other::---", "default:user::rwx",
                "default:group:ops:rwx\t#effective:r-x", "default:mask::r-x", "default:other::---"),
                AclVerbs.lines("/d", acl));
    }

    @Test
    void specsAreCommaSeparatedAndRemovalsNeedNoPermission() {
        assertEquals(List.of(new AclEntry(false, AclEntry.Type.USER, "bob", 7),
                new AclEntry(true, AclEntry.Type.GROUP, "", 5)), spec("user:bob:rwx,default:group::r-x"));
        assertEquals(List.of(new AclEntry(false, AclEntry.Type.USER, "bob", 0)), AclVerbs.parseSpec("user:bob", false));
        assertThrows(IllegalArgumentException.class, () -> spec("user:bob"));
    }
}
