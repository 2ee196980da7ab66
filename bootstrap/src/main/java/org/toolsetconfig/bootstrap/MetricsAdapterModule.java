package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import java.util.function.Supplier;
import org.toolsetconfig.adapters.metrics.LabelLimits;
import org.toolsetconfig.adapters.metrics.PrometheusScrape;
import org.toolsetconfig.adapters.metrics.ToolsetMetrics;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.out.ToolsetEventListener;

/**
 * The metrics adapter: {@link ToolsetMetrics} subscribes to the core's events and its gauges read
 * the core's state; the Prometheus registry's text is offered to the HTTP adapter as
 * {@code @Named(METRICS_SCRAPE) Supplier<String>}, so HTTP never sees Micrometer.
 */
final class MetricsAdapterModule extends AbstractModule {

    /** The name of the {@code Supplier<String>} that yields the {@code /metrics} text. */
    static final String METRICS_SCRAPE = "metricsScrape";

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), ToolsetEventListener.class).addBinding().to(ToolsetMetrics.class);
    }

    @Provides
    @Singleton
    ToolsetMetrics toolsetMetrics(Provider<QueryToolsetsUseCase> queries, CoreSettings settings) {
        // The core needs this listener and these gauges need the core: the provider breaks the circle.
        return new ToolsetMetrics(queries::get, LabelLimits.of(settings));
    }

    @Provides
    @Singleton
    PrometheusScrape prometheusScrape(ToolsetMetrics metrics) {
        return new PrometheusScrape(metrics);
    }

    @Provides
    @Named(METRICS_SCRAPE)
    Supplier<String> metricsScrape(PrometheusScrape scrape) {
        return scrape::scrape;
    }

    @Provides
    @Singleton
    @Named("metrics")
    Lifecycle metricsLifecycle(PrometheusScrape scrape) {
        return Lifecycle.of("metrics", () -> { }, scrape::close);
    }
}
