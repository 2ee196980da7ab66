package org.toolsetconfig.application.port.out;

import java.time.Duration;
import org.toolsetconfig.domain.Toolset;

/**
 * Checks that one toolset can actually be reached (BR-HAPI-186/187). Implementations choose the
 * check by the toolset's kind and return {@link ProbeResult.Skipped} when there is nothing to check;
 * they never throw for an unreachable toolset.
 */
@FunctionalInterface
public interface ToolsetProbe {

    /** Probes {@code toolset}, giving up after {@code timeout}. */
    ProbeResult probe(Toolset toolset, Duration timeout);
}
