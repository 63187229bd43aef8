package io.hydrafs.ops.fs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatFormatTest {
    @Test
    void theDefaultIsTheModificationTimeInUtc() {
        assertEquals("2024-05-01 12:01:00",
                StatFormat.parse(StatFormat.DEFAULT).format(ListingFormatTest.directory("/d", 0755)));
    }

    @Test
    void everyConversionPrintsItsField() {
        StatFormat format = StatFormat.parse("%n|%b|%r|%o|%F|%u|%g|%a|%A|%Y|%x|100%%");

        assertEquals("part-0|1366|3|134217728|regular file|alice|supergroup|644|rw-r--r--|"
                        + ListingFormatTest.MAY_FIRST_NOON_MS + "|2024-05-01 12:00:00|100%",
                format.format(ListingFormatTest.file("/data/part-0", 1366, 3, "alice")));
        assertEquals("/ directory", StatFormat.parse("%n %F").format(ListingFormatTest.directory("/", 0755)));
    }

    @Test
    void anUnknownConversionOrALonePercentIsRefusedWhenParsed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StatFormat.parse("%q"));
        assertTrue(unknown.getMessage().contains("%q"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StatFormat.parse("size %"));
    }
}
