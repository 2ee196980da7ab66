package org.toolsetconfig.domain;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One toolset as the investigation engine uses it. {@code settings} holds every other key of its
 * entry verbatim (deeply immutable); {@code endpoint}, when present, is an http or https URI.
 */
public record Toolset(ToolsetName name, boolean enabled, int priority, Optional<URI> endpoint,
                      Map<String, Object> settings) {

    /**
     * Checks that every part is present and freezes the settings.
     *
     * @param name the toolset's name
     * @param enabled whether the engine may use it
     * @param priority higher is tried first
     * @param endpoint its http or https endpoint, if it has one
     * @param settings every other key of its entry, verbatim
     */
    public Toolset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        endpoint.ifPresent(Endpoints::requireHttp);
        settings = Immutables.deepCopy(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * An enabled toolset with priority 0, no endpoint and no settings.
     *
     * @param name a valid toolset name
     * @return the toolset
     */
    public static Toolset named(String name) {
        return new Toolset(ToolsetName.of(name), true, 0, Optional.empty(), Map.of());
    }

    /**
     * This toolset with {@code override} applied: each field it sets wins, its settings are merged in.
     *
     * @param override the override to apply
     * @return the new toolset; this one is not changed
     */
    public Toolset with(ToolsetOverride override) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(settings);
        merged.putAll(override.settings());
        return new Toolset(name,
                override.enabled().orElse(enabled),
                override.priority().orElse(priority),
                override.endpoint().or(() -> endpoint),
                merged);
    }
}
