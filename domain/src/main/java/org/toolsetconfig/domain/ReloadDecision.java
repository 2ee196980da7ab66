package org.toolsetconfig.domain;

/** What one more failure of a toolset means for the configuration, as decided by {@link ReloadPolicy}. */
public enum ReloadDecision {
    /** Fewer consecutive failures than the threshold: nothing to do. */
    BELOW_THRESHOLD,
    /** Re-check the configuration file now. */
    RECHECK_DUE,
    /** At or past the threshold, but this toolset forced a re-check too recently. */
    COOLING_DOWN
}
