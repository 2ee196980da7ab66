package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import java.time.Clock;
import java.util.Optional;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.QueryHistoryUseCase;
import org.toolsetconfig.application.port.in.QueryToolsetsUseCase;
import org.toolsetconfig.application.port.in.RecordInvestigationOutcomeUseCase;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;
import org.toolsetconfig.application.port.in.ToolsetEvents;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.ToolsetProbe;
import org.toolsetconfig.application.service.ToolsetConfigCore;

/**
 * The application: the core assembled with its plain builder from the ports other modules bind
 * (config source and decoder, the startup probe), its use cases and its event stream, which
 * subscribers join once it is built. The core has no Guice annotation; this is the only place that
 * knows how it is built.
 */
final class CoreModule extends AbstractModule {

    @Override
    protected void configure() {
        // The HTTP adapter contributes the startup probe; without it (validate) nothing is probed.
        OptionalBinder.newOptionalBinder(binder(), ToolsetProbe.class);
    }

    @Provides
    @Singleton
    ConfigListenerExecutor configListenerExecutor() {
        return new ConfigListenerExecutor();
    }

    @Provides
    @Singleton
    ToolsetConfigCore core(ConfigSource source, ConfigDecoder decoder, Clock clock, Settings settings,
                           ConfigListenerExecutor listenerExecutor, Optional<ToolsetProbe> probe) {
        ToolsetConfigCore.Builder builder = ToolsetConfigCore.builder()
                .configSource(source)
                .configDecoder(decoder)
                .clock(clock)
                .settings(settings.core())
                .probeSettings(settings.probes())
                .listenerExecutor(listenerExecutor);
        probe.ifPresent(builder::toolsetProbe);
        return builder.build();
    }

    @Provides
    ToolsetEvents events(ToolsetConfigCore core) {
        return core.events();
    }

    @Provides
    RecordToolsetOutcomeUseCase outcomes(ToolsetConfigCore core) {
        return core.outcomes();
    }

    @Provides
    RecordInvestigationOutcomeUseCase investigations(ToolsetConfigCore core) {
        return core.investigations();
    }

    @Provides
    ReloadConfigurationUseCase reloads(ToolsetConfigCore core) {
        return core.reloads();
    }

    @Provides
    ManageSessionsUseCase sessions(ToolsetConfigCore core) {
        return core.sessions();
    }

    @Provides
    QueryToolsetsUseCase queries(ToolsetConfigCore core) {
        return core.queries();
    }

    @Provides
    QueryHistoryUseCase history(ToolsetConfigCore core) {
        return core.history();
    }

    @Provides
    ValidateConfigurationUseCase validation(ToolsetConfigCore core) {
        return core.validation();
    }

    @Provides
    ValidateConnectivityUseCase connectivity(ToolsetConfigCore core) {
        return core.connectivity();
    }
}
