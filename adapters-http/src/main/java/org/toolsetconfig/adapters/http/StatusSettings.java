package org.toolsetconfig.adapters.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code GET /api/v1/status} reports about the settings in force: the config path and, in
 * order, each reported setting by its JSON name. Whoever read the settings hands this in; the core
 * holds only the few it obeys.
 */
public record StatusSettings(String configPath, Map<String, Object> settings) {

    /** Keeps the settings' order. */
    public StatusSettings {
        Objects.requireNonNull(configPath, "configPath");
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
