package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import org.toolsetconfig.adapters.filesystem.ConfigDirectoryWatcher;
import org.toolsetconfig.adapters.filesystem.FileConfigSource;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.ConfigSource;

/** The filesystem adapter: the ConfigMap file, its YAML decoder, and the watcher and poller of its directory. */
final class FilesystemAdapterModule extends AbstractModule {

    @Provides
    @Singleton
    ConfigSource configSource(Settings settings) {
        return new FileConfigSource(settings.get(Setting.CONFIG_PATH), settings.get(Setting.CONFIG_MAX_BYTES));
    }

    @Provides
    @Singleton
    ConfigDecoder configDecoder(Settings settings) {
        return new YamlConfigDecoder(settings.get(Setting.CONFIG_MAX_BYTES));
    }

    @Provides
    @Singleton
    ConfigDirectoryWatcher configDirectoryWatcher(Settings settings, ReloadConfigurationUseCase reloads) {
        return new ConfigDirectoryWatcher(settings.get(Setting.CONFIG_PATH), reloads,
                settings.get(Setting.WATCH_DEBOUNCE_MILLIS), settings.get(Setting.POLL_INTERVAL_SECONDS),
                settings.get(Setting.WATCH_ENABLED));
    }

    /** The watcher and poller of B8; with the watch off, only the poll runs. */
    @Provides
    @Singleton
    @Named("watcher")
    Lifecycle watcherLifecycle(ConfigDirectoryWatcher watcher) {
        return Lifecycle.of("config-watcher", watcher::start, watcher::close);
    }
}
