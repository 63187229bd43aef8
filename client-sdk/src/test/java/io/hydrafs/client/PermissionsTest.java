package io.hydrafs.client;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PermissionsTest {
    @ParameterizedTest
    @CsvSource({
            "0755, rwxr-xr-x",
            "0644, rw-r--r--",
            "0000, ---------",
            "0777, rwxrwxrwx",
            "01777, rwxrwxrwt",
            "01770, rwxrwx--T",
    })
    void formatsLikeLsDashL(String octal, String expected) {
        assertEquals(expected, Permissions.format(Integer.parseInt(octal, 8)));
    }
}
