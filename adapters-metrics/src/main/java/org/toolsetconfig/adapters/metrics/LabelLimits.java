package org.toolsetconfig.adapters.metrics;

import org.toolsetconfig.application.port.in.ServiceSettings;

/**
 * How many distinct label values the per-toolset meters may take: {@code toolsets} distinct names
 * (further ones count as {@value MetricNames#OTHER_TOOLSET}) and {@code errorTypes} distinct error
 * types (further ones count as {@value MetricNames#OTHER_ERROR_TYPE}).
 */
public record LabelLimits(int toolsets, int errorTypes) {

    /** Error types are free text from the reporter; 20 covers the real kinds (timeouts, auth, DNS, …). */
    public static final int DEFAULT_ERROR_TYPES = 20;

    /**
     * Distinct toolset names in labels. Real configurations define a few dozen toolsets; the cap used
     * to be the tracked-name cap (1 000), and one client reporting made-up names and error types drove
     * a scrape to ~39 000 series and 4.6 MB. At 100 a full scrape with every cap filled stays under
     * 1 MB (ScrapeSizeAtTheCapsTest measures it).
     */
    public static final int DEFAULT_TOOLSETS = 100;

    /** Checks that both caps are at least 1. */
    public LabelLimits {
        if (toolsets < 1 || errorTypes < 1) {
            throw new IllegalArgumentException("label limits must be at least 1, got toolsets=" + toolsets
                    + ", errorTypes=" + errorTypes);
        }
    }

    /**
     * {@value #DEFAULT_TOOLSETS} toolsets (fewer when the service tracks fewer names) and
     * {@value #DEFAULT_ERROR_TYPES} error types.
     */
    public static LabelLimits of(ServiceSettings settings) {
        return new LabelLimits(Math.min(settings.maxTracked(), DEFAULT_TOOLSETS), DEFAULT_ERROR_TYPES);
    }
}
