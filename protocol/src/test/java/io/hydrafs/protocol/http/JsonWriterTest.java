package io.hydrafs.protocol.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonWriterTest {

    @Test
    void nestedObjectsAndArraysGetCommasAndColonsInTheRightPlaces() {
        String json = new JsonWriter().beginObject()
                .field("a", 1)
                .name("b").beginArray().value("x").value(true).nullValue().beginObject().endObject().endArray()
                .name("c").beginObject().field("d", 2.5).endObject()
                .endObject().toJson();

        assertEquals("{\"a\":1,\"b\":[\"x\",true,null,{}],\"c\":{\"d\":2.5}}", json);
    }

    @Test
    void stringsAreEscapedIncludingControlCharacters() {
        String json = new JsonWriter().value("q\"b\\n\nt\tc\u0001 l\u2028").toJson();

        assertEquals("\"q\\\"b\\\\n\\nt\\tc\\u0001 l\\u2028\"", json);
    }

    @Test
    void numbersJsonCannotHoldAreWrittenAsNull() {
        String json = new JsonWriter().beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
                .value(3.0).value(-0.25).endArray().toJson();

        assertEquals("[null,null,3,-0.25]", json);
    }

    @Test
    void nullStringIsWrittenAsNull() {
        assertEquals("{\"k\":null}", new JsonWriter().beginObject().field("k", (String) null).endObject().toJson());
    }

    @Test
    void valueWithoutNameInsideAnObjectIsABug() {
        JsonWriter w = new JsonWriter().beginObject();

        assertThrows(IllegalStateException.class, () -> w.value(1));
    }

    @Test
    void unfinishedDocumentCannotBeRead() {
        JsonWriter w = new JsonWriter().beginObject().field("a", 1);

        assertThrows(IllegalStateException.class, w::toJson);
    }

    @Test
    void secondTopLevelValueIsABug() {
        JsonWriter w = new JsonWriter().value(1);

        assertThrows(IllegalStateException.class, () -> w.value(2));
    }

    @Test
    void closingTheWrongContainerIsABug() {
        JsonWriter w = new JsonWriter().beginArray();

        assertThrows(IllegalStateException.class, w::endObject);
    }
}
