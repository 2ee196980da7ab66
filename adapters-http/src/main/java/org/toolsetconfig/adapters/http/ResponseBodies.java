package org.toolsetconfig.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Type;

/**
 * Writes every JSON answer, problems included: UTF-8, ending with a newline (so {@code curl} output
 * does not run into the prompt), and never longer than a bound. Serialization stops as soon as the
 * bound is passed, so an answer that would be gigabytes (a configuration whose aliases expand) costs
 * at most the bound in memory and becomes a {@link ResponseTooLargeException}.
 */
final class ResponseBodies implements JsonMapper {

    /** Every answer with a body is UTF-8 and says so, problem bodies too (DESIGN.md §5). */
    static final String JSON = "application/json; charset=utf-8";
    static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    private final ObjectMapper mapper;
    private final long maxChars;

    ResponseBodies(ObjectMapper mapper, long maxChars) {
        this.mapper = mapper;
        this.maxChars = maxChars;
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        BoundedWriter out = new BoundedWriter(maxChars);
        try {
            mapper.writeValue(out, obj);
        } catch (IOException e) {
            if (e.getCause() instanceof ResponseTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw new UncheckedIOException("an answer record always serializes", e);
        }
        return out.text.append('\n').toString();
    }

    long maxChars() {
        return maxChars;
    }

    /** Collects what Jackson writes and refuses the first character past the bound. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final long max;

        BoundedWriter(long max) {
            this.max = max;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (text.length() + (long) length > max) {
                // Jackson wraps what a Writer throws; the cause is unwrapped above.
                throw new IOException(new ResponseTooLargeException(max));
            }
            text.append(chars, offset, length);
        }

        @Override
        public void flush() {
            // Nothing is buffered outside the builder.
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }

    /** An answer that would be longer than the bound; answered as a 500 problem and logged. */
    static final class ResponseTooLargeException extends RuntimeException {
        private final long maxChars;

        ResponseTooLargeException(long maxChars) {
            super("the answer would be longer than " + maxChars + " characters", null, false, false);
            this.maxChars = maxChars;
        }

        long maxChars() {
            return maxChars;
        }
    }
}
