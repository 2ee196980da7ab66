package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Named;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.toolsetconfig.adapters.http.HttpApiServer;
import org.toolsetconfig.adapters.http.Webhooks;
import org.toolsetconfig.adapters.metrics.LabelLimits;
import org.toolsetconfig.adapters.metrics.NotificationMetrics;
import org.toolsetconfig.adapters.metrics.PrometheusScrape;
import org.toolsetconfig.adapters.metrics.ToolsetMetrics;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ToolsetEvents;

/**
 * The metrics adapter: {@link ToolsetMetrics} binds to the built core (its gauges read the core's
 * state, its counters subscribe to the core's events); the Prometheus registry's text is offered to
 * the HTTP adapter as {@code @Named(METRICS_SCRAPE) Supplier<String>}, so HTTP never sees Micrometer.
 */
final class MetricsAdapterModule extends AbstractModule {

    /** The name of the {@code Supplier<String>} that yields the {@code /metrics} text. */
    static final String METRICS_SCRAPE = "metricsScrape";

    @Override
    protected void configure() {
        // Other adapter modules add the meters of their own parts (the Kubernetes source's watch).
        Multibinder.newSetBinder(binder(), MeterBinder.class);
    }

    /**
     * Binding subscribes the metrics to the core's events; the service's lifecycle depends on this
     * registry, so it exists before {@link Service#start()} runs the first load, which is counted.
     */
    @Provides
    @Singleton
    PrometheusScrape prometheusScrape(QueryToolsetsUseCase queries, ToolsetEvents events, CoreSettings settings,
                                      Set<MeterBinder> adapterMeters) {
        List<MeterBinder> binders = new ArrayList<>(List.of(new ToolsetMetrics(queries, events,
                LabelLimits.of(settings))));
        binders.addAll(adapterMeters);
        return new PrometheusScrape(binders.toArray(MeterBinder[]::new));
    }

    @Provides
    @Named(METRICS_SCRAPE)
    Supplier<String> metricsScrape(PrometheusScrape scrape) {
        return scrape::scrape;
    }

    /**
     * Also binds the meters of the event stream and the webhooks, which read the HTTP adapter's
     * counts: here rather than with the registry, since the HTTP API serves that registry's scrape.
     */
    @Provides
    @Singleton
    @Named("metrics")
    Lifecycle metricsLifecycle(PrometheusScrape scrape, HttpApiServer http, Webhooks webhooks) {
        Map<String, LongSupplier> deliveries = new LinkedHashMap<>();
        for (Webhooks.Result result : Webhooks.Result.values()) {
            deliveries.put(result.wireName(), () -> webhooks.count(result));
        }
        new NotificationMetrics(http::eventSubscribers, deliveries).bindTo(scrape.registry());
        return Lifecycle.of("metrics", () -> { }, scrape::close);
    }
}
