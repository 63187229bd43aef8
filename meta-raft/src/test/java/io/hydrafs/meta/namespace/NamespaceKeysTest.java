package io.hydrafs.meta.namespace;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NamespaceKeysTest {
    private static int cmp(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Test
    void numbersSortNumerically() {
        assertTrue(cmp(NamespaceKeys.inodeKey(255), NamespaceKeys.inodeKey(256)) < 0);
        assertTrue(cmp(NamespaceKeys.inodeKey(1), NamespaceKeys.inodeKey(1L << 40)) < 0);
        assertEquals(1L << 40, NamespaceKeys.decodeLong(NamespaceKeys.encodeLong(1L << 40)));
    }

    @Test
    void aDirectorysEntriesFormOneRangeInNameOrder() {
        long dir = 7;
        byte[] a = NamespaceKeys.dentryKey(dir, "a");
        byte[] b = NamespaceKeys.dentryKey(dir, "b");
        byte[] umlaut = NamespaceKeys.dentryKey(dir, "ä");
        assertTrue(cmp(NamespaceKeys.dentryPrefix(dir), a) < 0);
        assertTrue(cmp(a, b) < 0);
        assertTrue(cmp(b, umlaut) < 0, "UTF-8 byte order: multi-byte characters after ASCII");
        assertTrue(cmp(umlaut, NamespaceKeys.dentryPrefixEnd(dir)) < 0);
        assertTrue(cmp(NamespaceKeys.dentryKey(dir + 1, ""), NamespaceKeys.dentryPrefixEnd(dir)) >= 0);
        assertEquals(dir, NamespaceKeys.dentryParentId(umlaut));
        assertEquals("ä", NamespaceKeys.dentryName(umlaut));
    }

    @Test
    void keyAfterANameIsBeforeEveryLongerNameWithThatPrefix() {
        byte[] after = NamespaceKeys.dentryKeyAfter(1, "a");
        assertTrue(cmp(NamespaceKeys.dentryKey(1, "a"), after) < 0);
        assertTrue(cmp(after, NamespaceKeys.dentryKey(1, "a0")) < 0);
        assertTrue(cmp(after, NamespaceKeys.dentryKey(1, "a\u0001")) < 0);
    }

    @Test
    void leaseKeysOfAHolderDoNotInterleaveWithAHolderItPrefixes() {
        byte[] c1High = NamespaceKeys.leaseKey("c1", Long.MAX_VALUE);
        byte[] c10Low = NamespaceKeys.leaseKey("c10", 0);
        assertTrue(cmp(c1High, c10Low) < 0, "every c1 key sorts before every c10 key");
        assertEquals("c10", NamespaceKeys.leaseHolder(c10Low));
        assertEquals(Long.MAX_VALUE, NamespaceKeys.leaseInodeId(c1High));
    }
}
