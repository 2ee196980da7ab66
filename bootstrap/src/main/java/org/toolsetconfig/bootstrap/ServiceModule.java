package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.time.Duration;
import java.util.List;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * The whole service: every adapter module, the core, and the start order of the things with a
 * life. Constructing any of it starts nothing; {@link Service#start()} does.
 */
final class ServiceModule extends AbstractModule {

    /** DESIGN.md §3 B7: the sweeper runs every 60 s. */
    static final Duration SESSION_SWEEP_PERIOD = Duration.ofSeconds(60);

    private final Settings settings;

    ServiceModule(Settings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        install(new SettingsModule(settings));
        install(new CoreModule());
        // TOOLSET_SOURCE picks the adapter that reads the configuration: the file or the Kubernetes API.
        install(settings.get(Setting.SOURCE).adapterModule());
        install(new YamlDecoderModule());
        install(new MetricsAdapterModule());
        install(new HttpAdapterModule());
    }

    /** B8: re-checks on a fixed period, whatever the watch does (the watch may be off or blind). */
    @Provides
    @Singleton
    @Named("poll")
    Lifecycle poll(ReloadConfigurationUseCase reloads) {
        return new Periodic("poll", settings.get(Setting.POLL_INTERVAL_SECONDS),
                () -> reloads.reload(ReloadTrigger.POLL));
    }

    /** B7: expires sessions past their TTL and applies a reload deferred past the maximum deferral. */
    @Provides
    @Singleton
    @Named("sweeper")
    Lifecycle sessionSweeper(ManageSessionsUseCase sessions) {
        return new Periodic("session-sweeper", SESSION_SWEEP_PERIOD, sessions::sweep);
    }

    /**
     * Start order (stop is the reverse): the listener thread and the registry first, so they outlive
     * everything that feeds them; then the webhook senders, the watcher, the poll, the sweeper, and the
     * HTTP port last.
     */
    @Provides
    @Singleton
    Service service(ReloadConfigurationUseCase reloads, ValidateConnectivityUseCase connectivity,
                    QueryToolsetsUseCase queries,
                    ConfigListenerExecutor listeners, @Named("metrics") Lifecycle metrics,
                    @Named("webhooks") Lifecycle webhooks, @Named("watcher") Lifecycle watcher,
                    @Named("poll") Lifecycle poll, @Named("sweeper") Lifecycle sweeper, HttpServerLifecycle http,
                    SourceDescription source) {
        return new Service(reloads, connectivity, () -> queries.activeSnapshot().toolsets(), settings, source,
                List.of(listeners, metrics, webhooks, watcher, poll, sweeper, http));
    }
}
