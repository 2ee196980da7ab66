package org.toolsetconfig.adapters.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;

/**
 * Micrometer's Prometheus convention, except that the base unit of a {@link MetricNames#PREFIX}
 * meter is not appended: the §7 names are fixed by dashboards and already say their unit, while
 * the base unit stays on the meter for registries that report it as metadata. Other meters (JVM,
 * process) keep the standard names ({@code jvm_memory_used_bytes}).
 */
final class ExactNamesConvention implements NamingConvention {

    private final NamingConvention prometheus = new PrometheusNamingConvention();

    @Override
    public String name(String name, Meter.Type type, String baseUnit) {
        return prometheus.name(name, type, name.startsWith(MetricNames.PREFIX) ? null : baseUnit);
    }

    @Override
    public String tagKey(String key) {
        return prometheus.tagKey(key);
    }
}
