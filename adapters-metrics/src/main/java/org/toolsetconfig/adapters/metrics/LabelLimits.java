package org.toolsetconfig.adapters.metrics;

import org.toolsetconfig.application.port.in.CoreSettings;

/**
 * How many distinct label values the per-toolset meters may take: {@code toolsets} distinct names
 * (further ones count as {@value MetricNames#OTHER_TOOLSET}) and {@code errorTypes} distinct error
 * types (further ones count as {@value MetricNames#OTHER_ERROR_TYPE}).
 */
public record LabelLimits(int toolsets, int errorTypes) {

    /** Error types are free text from the reporter; 20 covers the real kinds (timeouts, auth, DNS, …). */
    public static final int DEFAULT_ERROR_TYPES = 20;

    /** Checks that both caps are at least 1. */
    public LabelLimits {
        if (toolsets < 1 || errorTypes < 1) {
            throw new IllegalArgumentException("label limits must be at least 1, got toolsets=" + toolsets
                    + ", errorTypes=" + errorTypes);
        }
    }

    /** The toolset cap of the service (its tracked-name cap) and {@value #DEFAULT_ERROR_TYPES} error types. */
    public static LabelLimits of(CoreSettings settings) {
        return new LabelLimits(settings.maxTracked(), DEFAULT_ERROR_TYPES);
    }
}
