package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import java.nio.file.Path;
import org.toolsetconfig.adapters.filesystem.ConfigDirectoryWatcher;
import org.toolsetconfig.adapters.filesystem.ConfigMount;
import org.toolsetconfig.adapters.filesystem.FileConfigSource;
import org.toolsetconfig.adapters.http.StatusSource;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.out.ConfigSource;

/**
 * The filesystem adapter as the source ({@code TOOLSET_SOURCE=file}): the ConfigMap file and the
 * watcher of its directory. The YAML decoder, which every source uses, is {@link YamlDecoderModule}.
 */
final class FilesystemAdapterModule extends AbstractModule {

    @Provides
    @Singleton
    ConfigSource configSource(Settings settings) {
        return new FileConfigSource(settings.get(Setting.CONFIG_PATH), settings.get(Setting.CONFIG_MAX_BYTES));
    }

    @Provides
    SourceDescription sourceDescription(Settings settings) {
        Path file = settings.get(Setting.CONFIG_PATH);
        return new SourceDescription(Settings.Source.FILE, file.toString(), new StatusSource.File(file.toString()),
                "create " + file + ", or point TOOLSET_CONFIG_PATH (or --config) at your toolsets file"
                        + " (examples/toolsets.yaml is one to start from),",
                "correct " + file + " (check it with `" + Cli.jarCommand() + " validate " + file + "`)");
    }

    /**
     * The watcher of B8 and §6's one-time subPath check at start. With the watch off nothing is
     * watched; the poll, a lifecycle of its own, sees changes alone.
     */
    @Provides
    @Singleton
    @Named("watcher")
    Lifecycle watcherLifecycle(Settings settings, ReloadConfigurationUseCase reloads) {
        Path file = settings.get(Setting.CONFIG_PATH);
        ConfigDirectoryWatcher watcher = new ConfigDirectoryWatcher(file, reloads,
                settings.get(Setting.WATCH_DEBOUNCE_MILLIS));
        boolean watch = settings.get(Setting.WATCH_ENABLED);
        return Lifecycle.of("config-watcher", () -> {
            ConfigMount.warnIfSubPath(file);
            if (watch) {
                watcher.start();
            }
        }, watcher::close);
    }
}
