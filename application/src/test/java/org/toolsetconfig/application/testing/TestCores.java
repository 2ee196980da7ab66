package org.toolsetconfig.application.testing;

import java.time.Clock;
import org.toolsetconfig.application.service.ToolsetConfigCore;

/**
 * The one way tests build a core on the in-memory ports: an {@link InMemoryConfigSource}, the
 * {@link LineDecoder} and a controllable clock, with the default log subscriber off (a test that
 * wants log lines subscribes its own). Add the listeners, settings and probes the test is about.
 */
public final class TestCores {

    private TestCores() {
    }

    /** A builder reading {@code source} with the line decoder, on {@code clock}. */
    public static ToolsetConfigCore.Builder onLines(InMemoryConfigSource source, Clock clock) {
        return ToolsetConfigCore.builder().configSource(source).configDecoder(new LineDecoder()).clock(clock)
                .structuredLogging(false);
    }
}
