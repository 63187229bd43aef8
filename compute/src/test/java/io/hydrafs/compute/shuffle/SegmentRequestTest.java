package io.hydrafs.compute.shuffle;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentRequestTest {

    @Test
    void aRequestSurvivesItsUri() throws HydraException {
        SegmentRequest r = new SegmentRequest("job_2026-11.a", 7, 2, 13);

        assertEquals(r, SegmentRequest.parse(r.toUri()));
    }

    @Test
    void jobIdsThatCouldLeaveTheShuffleRootAreInvalid() {
        for (String bad : new String[] {"", ".", "..", ".hidden", "a/b", "a\\b", "a b", "x".repeat(129), null}) {
            assertFalse(SegmentRequest.isValidJobId(bad), String.valueOf(bad));
        }
        assertTrue(SegmentRequest.isValidJobId("job_0001"));
        assertTrue(SegmentRequest.isValidJobId("x".repeat(128)));
    }

    @Test
    void malformedUrisAreInvalidArguments() {
        String[] bad = {
            "/mapOutput?job=j&map=0&attempt=0",
            "/mapOutput?job=j&map=0&attempt=0&partition=-1",
            "/mapOutput?job=j&map=0&attempt=0&partition=2147483648",
            "/mapOutput?job=j&map=0&attempt=0&partition=1e3",
            "/mapOutput?job=j&map=0&attempt=0&partition=0&extra=1",
            "/other?job=j&map=0&attempt=0&partition=0",
            "/mapOutput?job=" + "j".repeat(2000) + "&map=0&attempt=0&partition=0",
        };
        for (String uri : bad) {
            HydraException e = assertThrows(HydraException.class, () -> SegmentRequest.parse(uri), uri);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
    }
}
