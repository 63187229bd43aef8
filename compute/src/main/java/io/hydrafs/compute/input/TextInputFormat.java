package io.hydrafs.compute.input;

import java.io.IOException;

/**
 * Lines of text: key = the byte offset where the line starts, value = the line without its
 * {@code \n} (and without a {@code \r} before it), decoded as UTF-8.
 *
 * <p>Ownership rule: a split owns exactly the lines that <em>start</em> inside it. A line
 * crossing the split's end is read whole by this split (reading on into the next block);
 * the next split skips that partial line. See {@link TextRecordReader}.
 */
public final class TextInputFormat implements InputFormat<Long, String> {

    @Override
    public RecordReader<Long, String> reader(FileSource source, InputSplit split) throws IOException {
        return new TextRecordReader(source, split);
    }
}
