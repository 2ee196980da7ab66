package org.toolsetconfig.application.port.out;

/**
 * Where the configuration file comes from. Implementations read the whole file (bounded by their
 * size limit) and never throw for an expected problem such as a missing file: they return
 * {@link SourceRead.Unavailable} with the reason.
 */
@FunctionalInterface
public interface ConfigSource {

    /**
     * Reads the current bytes of the file and its revision stamp.
     *
     * @return the content, or why it could not be read
     */
    SourceRead read();
}
