package org.toolsetconfig.domain;

import java.util.Locale;

/**
 * A toolset's state as operators look for it (DESIGN §2), derived from its definition and failure
 * record whenever it is asked for, never stored.
 */
public enum ToolsetHealth {
    /** Enabled, no consecutive failure. */
    HEALTHY,
    /** Enabled, failing, below the re-check threshold. */
    DEGRADED,
    /** Enabled, at or past the re-check threshold. */
    FAILING,
    /** Defined but not enabled. */
    DISABLED;

    public static ToolsetHealth of(boolean enabled, int consecutiveFailures, int threshold) {
        if (!enabled) {
            return DISABLED;
        }
        if (consecutiveFailures <= 0) {
            return HEALTHY;
        }
        return consecutiveFailures < threshold ? DEGRADED : FAILING;
    }

    /** The name on the wire and in metrics: {@code healthy}, {@code degraded}, {@code failing}, {@code disabled}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
