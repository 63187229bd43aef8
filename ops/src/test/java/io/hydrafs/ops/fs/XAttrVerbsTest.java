package io.hydrafs.ops.fs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** setfattr's value forms and getfattr's encodings, as HDFS's shell reads and prints them. */
class XAttrVerbsTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValueIsQuotedTextHexBase64OrPlainText() {
        assertArrayEquals(utf8("blue sky"), XAttrVerbs.decode("\"blue sky\""));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, XAttrVerbs.decode("0x00FF"));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, XAttrVerbs.decode("0sAP8="));
        assertArrayEquals(utf8("plain"), XAttrVerbs.decode("plain"));
        assertArrayEquals(utf8("\""), XAttrVerbs.decode("\""));
    }

    @Test
    void malformedHexOrBase64IsAnArgumentError() {
        assertThrows(IllegalArgumentException.class, () -> XAttrVerbs.decode("0xabc"));
        assertThrows(IllegalArgumentException.class, () -> XAttrVerbs.decode("0s!!"));
    }

    @Test
    void eachEncodingPrintsWhatDecodeReadsBack() {
        byte[] value = {0, 1, (byte) 0xfe};
        for (XAttrVerbs.Encoding e : XAttrVerbs.Encoding.values()) {
            if (e != XAttrVerbs.Encoding.TEXT) {
                assertArrayEquals(value, XAttrVerbs.decode(e.encode(value)), e.name());
            }
        }
        assertEquals("\"hi\"", XAttrVerbs.Encoding.TEXT.encode(utf8("hi")));
        assertEquals(XAttrVerbs.Encoding.HEX, XAttrVerbs.Encoding.parse("Hex"));
        assertThrows(IllegalArgumentException.class, () -> XAttrVerbs.Encoding.parse("rot13"));
    }
}
