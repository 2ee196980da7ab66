package org.toolsetconfig.adapters.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The Prometheus registry of the service and its {@code /metrics} text: the given binders (the
 * service's {@link ToolsetMetrics}) plus the JVM and process binders (memory, GC, threads, class
 * loading, CPU, uptime, file descriptors). Hand {@code scrape::scrape} to the HTTP adapter and
 * {@link #close()} it at shutdown.
 */
public final class PrometheusScrape implements AutoCloseable {

    /** The Prometheus text exposition format 0.0.4, which {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;

    /** A registry with the JVM and process meters and every meter of {@code binders}, bound now. */
    public PrometheusScrape(MeterBinder... binders) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().namingConvention(new ExactNamesConvention());
        this.gcMetrics = new JvmGcMetrics();
        for (MeterBinder binder : List.of(new JvmMemoryMetrics(), gcMetrics, new JvmThreadMetrics(),
                new ClassLoaderMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
        for (MeterBinder binder : binders) {
            binder.bindTo(registry);
        }
    }

    /** Every meter as Prometheus text, in {@link #CONTENT_TYPE}. */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    /** The content type of {@link #scrape()}'s text. */
    public String contentType() {
        return CONTENT_TYPE;
    }

    /** The registry, for meters of other parts of the service. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Stops listening for GC notifications and closes the registry. */
    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
