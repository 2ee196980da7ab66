package org.toolsetconfig.application.port.out;

/**
 * Turns the bytes of a configuration file into a {@code ToolsetDocument}: the YAML parser. It never
 * throws for bad content; syntax errors come back as {@link DecodeResult.Malformed}.
 */
@FunctionalInterface
public interface ConfigDecoder {

    /** Decodes {@code bytes}; the array is not changed. */
    DecodeResult decode(byte[] bytes);
}
