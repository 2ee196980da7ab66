package org.toolsetconfig.application.port.in;

import java.time.Duration;
import java.util.Objects;
import org.toolsetconfig.domain.InvalidValueException;

/** Startup connectivity probes: on or off, the timeout of one probe and of all of them together. */
public record ProbeSettings(boolean enabled, Duration perProbeTimeout, Duration totalTimeout) {

    /** Checks that both timeouts are positive and the total is not shorter than one probe's. */
    public ProbeSettings {
        Objects.requireNonNull(perProbeTimeout, "perProbeTimeout");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
        if (perProbeTimeout.isNegative() || perProbeTimeout.isZero()) {
            throw new InvalidValueException("probeTimeout must be more than 0 seconds, was "
                    + perProbeTimeout.toSeconds());
        }
        if (totalTimeout.compareTo(perProbeTimeout) < 0) {
            throw new InvalidValueException("the total probe timeout (" + totalTimeout.toSeconds()
                    + " s) must not be shorter than one probe's (" + perProbeTimeout.toSeconds() + " s)");
        }
    }

    /** The defaults: on, 5 s each, 30 s for all. */
    public static ProbeSettings defaults() {
        return new ProbeSettings(true, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
