package org.toolsetconfig.adapters.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /api/v1/status} reports about the settings in force: the config path, in order
 * each reported setting by its JSON name, and where the configuration is read from. Whoever read
 * the settings hands this in; the core holds only the few it obeys.
 */
public record StatusSettings(String configPath, Map<String, Object> settings, StatusSource source) {

    /** Keeps the settings' order. */
    public StatusSettings {
        Objects.requireNonNull(configPath, "configPath");
        Objects.requireNonNull(source, "source");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The settings of a service that reads the file at {@code configPath}. */
    public StatusSettings(String configPath, Map<String, Object> settings) {
        this(configPath, settings, new StatusSource.File(configPath));
    }
}
