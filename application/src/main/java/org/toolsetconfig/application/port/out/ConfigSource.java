package org.toolsetconfig.application.port.out;

/**
 * Where the configuration file comes from. Implementations read the whole file (bounded by their
 * size limit) and never throw for an expected problem such as a missing file: they return
 * {@link SourceRead.Unavailable} with the reason.
 */
@FunctionalInterface
public interface ConfigSource {

    /** The largest size limit: the content and one byte more must fit in an array. */
    long MAX_BYTES_LIMIT = Integer.MAX_VALUE - 16;

    /** Reads the current bytes of the file and its revision stamp. */
    SourceRead read();

    /**
     * The one check of a size limit ({@code TOOLSET_CONFIG_MAX_BYTES}), for every source and the decoder:
     * {@code maxBytes} when it is 1 to {@link #MAX_BYTES_LIMIT}, else an {@link IllegalArgumentException}.
     */
    static long requireMaxBytes(long maxBytes) {
        if (maxBytes < 1 || maxBytes > MAX_BYTES_LIMIT) {
            throw new IllegalArgumentException("maxBytes must be between 1 and " + MAX_BYTES_LIMIT + ", was " + maxBytes);
        }
        return maxBytes;
    }
}
