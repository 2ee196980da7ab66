package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.util.List;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;

/**
 * The whole service: every adapter module, the core, and the start order of the things with a
 * life. Constructing any of it starts nothing; {@link Service#start()} does.
 */
final class ServiceModule extends AbstractModule {

    private final Settings settings;

    ServiceModule(Settings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        install(new SettingsModule(settings));
        install(new CoreModule());
        install(new FilesystemAdapterModule());
        install(new MetricsAdapterModule());
        install(new HttpAdapterModule());
    }

    @Provides
    @Singleton
    SessionSweeper sessionSweeper(ManageSessionsUseCase sessions) {
        return new SessionSweeper(sessions, SessionSweeper.PERIOD);
    }

    /**
     * Start order (stop is the reverse): the listener thread and the registry first, so they outlive
     * everything that feeds them; then the watcher and poller, the sweeper, and the HTTP port last.
     */
    @Provides
    @Singleton
    Service service(ReloadConfigurationUseCase reloads, ValidateConnectivityUseCase connectivity,
                    QueryToolsetsUseCase queries,
                    ConfigListenerExecutor listeners, @Named("metrics") Lifecycle metrics,
                    @Named("watcher") Lifecycle watcher, SessionSweeper sweeper, HttpServerLifecycle http) {
        return new Service(reloads, connectivity, () -> queries.activeSnapshot().toolsets(), settings,
                List.of(listeners, metrics, watcher, sweeper, http));
    }
}
