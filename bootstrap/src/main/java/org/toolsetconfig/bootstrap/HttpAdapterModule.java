package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import java.util.function.Supplier;
import org.toolsetconfig.adapters.http.HttpApiServer;
import org.toolsetconfig.adapters.http.HttpSettings;
import org.toolsetconfig.adapters.http.StatusSettings;
import org.toolsetconfig.adapters.http.Webhooks;
import org.toolsetconfig.adapters.http.probe.HttpToolsetProbe;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.QueryHistoryUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordInvestigationOutcomeUseCase;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ToolsetEvents;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;
import org.toolsetconfig.application.port.out.ToolsetProbe;

/**
 * The HTTP adapter: the API over the use cases, listening where the settings say once started, the
 * webhooks, and the HTTP probe that checks each toolset's endpoint at startup.
 */
final class HttpAdapterModule extends AbstractModule {

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), ToolsetProbe.class).setBinding().to(HttpToolsetProbe.class);
    }

    @Provides
    @Singleton
    HttpToolsetProbe httpToolsetProbe() {
        return new HttpToolsetProbe();
    }

    @Provides
    HttpSettings httpSettings(Settings settings, SourceDescription source) {
        HttpSettings open = HttpSettings.open(settings.get(Setting.HTTP_HOST), settings.get(Setting.HTTP_PORT),
                new StatusSettings(source.location(), settings.reported(), source.status()))
                .forConfigMaxBytes(settings.get(Setting.CONFIG_MAX_BYTES));
        return settings.apiToken().map(token -> open.withApiToken(token.value())).orElse(open);
    }

    @Provides
    @Singleton
    HttpApiServer httpApiServer(RecordToolsetOutcomeUseCase outcomes, RecordInvestigationOutcomeUseCase investigations,
                                ReloadConfigurationUseCase reloads,
                                ManageSessionsUseCase sessions, QueryToolsetsUseCase queries,
                                ValidateConfigurationUseCase validation, QueryHistoryUseCase history,
                                ToolsetEvents events,
                                @Named(MetricsAdapterModule.METRICS_SCRAPE) Supplier<String> metricsScrape,
                                HttpSettings settings) {
        return new HttpApiServer(outcomes, investigations, reloads, sessions, queries, validation, history, events,
                metricsScrape, settings);
    }

    /** Subscribed to the core now, so the startup load is told too; sends once its lifecycle starts. */
    @Provides
    @Singleton
    Webhooks webhooks(ToolsetEvents events, Settings settings) {
        return Webhooks.attach(events, settings.webhooks());
    }

    /** The senders start before the watch and the poll, and drain (bounded) after they stopped. */
    @Provides
    @Singleton
    @Named("webhooks")
    Lifecycle webhooksLifecycle(Webhooks webhooks) {
        return Lifecycle.of("webhooks", webhooks::start, webhooks::stop);
    }

    @Provides
    @Singleton
    HttpServerLifecycle httpServerLifecycle(HttpApiServer server) {
        return new HttpServerLifecycle(server);
    }
}
