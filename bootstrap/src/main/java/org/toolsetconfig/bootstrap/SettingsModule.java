package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.time.Clock;
import org.toolsetconfig.application.port.in.CoreSettings;

/** The checked settings and the clock, for every other module. */
final class SettingsModule extends AbstractModule {

    private final Settings settings;

    SettingsModule(Settings settings) {
        this.settings = settings;
    }

    @Provides
    Settings settings() {
        return settings;
    }

    @Provides
    CoreSettings coreSettings() {
        return settings.core();
    }

    @Provides
    Clock clock() {
        return Clock.systemUTC();
    }
}
