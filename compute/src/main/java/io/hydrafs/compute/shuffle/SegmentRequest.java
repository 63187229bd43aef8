package io.hydrafs.compute.shuffle;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one request of the shuffle protocol: partition {@code partition} of map attempt
 * {@code (jobId, mapIndex, attempt)}, as the URI
 * {@code /mapOutput?job=J&map=M&attempt=A&partition=P} (so {@code curl} can fetch a segment).
 *
 * <p>A job id is 1 to {@value #MAX_JOB_ID_CHARS} characters of {@code [A-Za-z0-9_.-]} not
 * starting with a dot: it becomes a directory name on the worker, so anything that could
 * walk out of the shuffle root ({@code ..}, slashes) is refused here, at the edge.
 */
record SegmentRequest(String jobId, int mapIndex, int attempt, int partition) {
    static final String PATH = "/mapOutput";
    static final int MAX_JOB_ID_CHARS = 128;
    private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0," + (MAX_JOB_ID_CHARS - 1) + "}");
    private static final int MAX_URI_CHARS = 1024;

    static boolean isValidJobId(String jobId) {
        return jobId != null && JOB_ID.matcher(jobId).matches();
    }

    static SegmentRequest of(MapOutputLocation location, int partition) {
        return new SegmentRequest(location.jobId(), location.mapIndex(), location.attempt(), partition);
    }

    String toUri() {
        // every part is URL-safe by construction (validated job id, decimal ints)
        return PATH + "?job=" + jobId + "&map=" + mapIndex + "&attempt=" + attempt + "&partition=" + partition;
    }

    /**
     * Parses a request URI.
     *
     * @throws HydraException INVALID_ARGUMENT naming the first thing wrong with it
     */
    static SegmentRequest parse(String uri) throws HydraException {
        require(uri.length() <= MAX_URI_CHARS, "request URI longer than " + MAX_URI_CHARS + " characters");
        QueryStringDecoder decoder = new QueryStringDecoder(uri);
        require(decoder.path().equals(PATH), "unknown path " + decoder.path() + " (only " + PATH + " is served)");
        Map<String, List<String>> params = decoder.parameters();
        for (String name : params.keySet()) {
            require(List.of("job", "map", "attempt", "partition").contains(name), "unknown parameter " + name);
        }
        String job = single(params, "job");
        require(isValidJobId(job), "malformed job id (1-" + MAX_JOB_ID_CHARS
                + " characters of A-Z a-z 0-9 _ . -, not starting with a dot)");
        return new SegmentRequest(job, nonNegative(params, "map"), nonNegative(params, "attempt"),
                nonNegative(params, "partition"));
    }

    private static String single(Map<String, List<String>> params, String name) throws HydraException {
        List<String> values = params.get(name);
        require(values != null && values.size() == 1, "parameter " + name + " must be given exactly once");
        return values.get(0);
    }

    private static int nonNegative(Map<String, List<String>> params, String name) throws HydraException {
        String text = single(params, name);
        require(text.matches("[0-9]{1,10}"), "parameter " + name + " must be a non-negative integer");
        long value = Long.parseLong(text);
        require(value <= Integer.MAX_VALUE, "parameter " + name + " is too large");
        return (int) value;
    }

    private static void require(boolean ok, String message) throws HydraException {
        if (!ok) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }

    @Override
    public String toString() {
        return jobId + "/m" + mapIndex + "/a" + attempt + "/p" + partition;
    }
}
