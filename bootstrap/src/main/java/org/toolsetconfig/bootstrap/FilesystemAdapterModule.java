package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.toolsetconfig.adapters.filesystem.FileConfigSource;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.ConfigSource;

/** The filesystem adapter: the ConfigMap file, its YAML decoder, and the watcher and poller of its directory. */
final class FilesystemAdapterModule extends AbstractModule {

    @Provides
    @Singleton
    ConfigSource configSource(Settings settings) {
        return new FileConfigSource(settings.configFile(), settings.service().configMaxBytes());
    }

    @Provides
    @Singleton
    ConfigDecoder configDecoder(ServiceSettings settings) {
        return new YamlConfigDecoder(settings.configMaxBytes());
    }
}
