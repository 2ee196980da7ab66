package org.toolsetconfig.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.application.port.out.ConfigDecoder;

/**
 * The filesystem adapter's YAML decoder, on its own: whichever source reads the bytes (the file or
 * the Kubernetes API), they are decoded the same way, and {@code validate} decodes a file with it.
 */
final class YamlDecoderModule extends AbstractModule {

    @Provides
    @Singleton
    ConfigDecoder configDecoder(Settings settings) {
        return new YamlConfigDecoder(settings.get(Setting.CONFIG_MAX_BYTES));
    }
}
