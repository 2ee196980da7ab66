package org.toolsetconfig.domain;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One toolset as the investigation engine uses it. {@code settings} holds every other key of its
 * entry verbatim (deeply immutable, secrets included: show them only through {@link Redaction});
 * {@code endpoint}, when present, is an http or https URI. {@code failurePatterns} are the toolset's own
 * regular expressions for error texts (DESIGN §9), as written; empty means its family's defaults.
 */
public record Toolset(ToolsetName name, boolean enabled, int priority, Optional<URI> endpoint, Type type,
                      List<String> failurePatterns, Map<String, Object> settings) {

    /** Where a toolset comes from in HolmesGPT's configuration. */
    public enum Type {
        /** An entry of {@code toolsets:} (or {@code discovered:}): a toolset the engine knows by name. */
        BUILT_IN("built-in"),
        /** An entry of HolmesGPT's {@code mcp_servers:} map: a remote MCP server used as a toolset. */
        MCP("mcp");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /**
         * The name in JSON answers.
         *
         * @return {@code built-in} or {@code mcp}
         */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Checks that every part is present and freezes the settings.
     *
     * @param name the toolset's name
     * @param enabled whether the engine may use it
     * @param priority higher is tried first
     * @param endpoint its http or https endpoint, if it has one
     * @param type {@code mcp} for an {@code mcp_servers:} entry, else {@code built-in}
     * @param failurePatterns its own failure patterns; empty for its family's defaults
     * @param settings every other key of its entry, verbatim
     */
    public Toolset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        endpoint.ifPresent(Endpoints::requireHttp);
        failurePatterns = List.copyOf(failurePatterns);
        settings = Immutables.deepCopy(Objects.requireNonNull(settings, "settings"));
    }

    /**
     * A toolset with its family's default failure patterns.
     *
     * @param name the toolset's name
     * @param enabled whether the engine may use it
     * @param priority higher is tried first
     * @param endpoint its http or https endpoint, if it has one
     * @param type {@code mcp} for an {@code mcp_servers:} entry, else {@code built-in}
     * @param settings every other key of its entry, verbatim
     */
    public Toolset(ToolsetName name, boolean enabled, int priority, Optional<URI> endpoint, Type type,
                   Map<String, Object> settings) {
        this(name, enabled, priority, endpoint, type, List.of(), settings);
    }

    /**
     * A {@link Type#BUILT_IN} toolset: what every entry outside {@code mcp_servers:} is.
     *
     * @param name the toolset's name
     * @param enabled whether the engine may use it
     * @param priority higher is tried first
     * @param endpoint its http or https endpoint, if it has one
     * @param settings every other key of its entry, verbatim
     */
    public Toolset(ToolsetName name, boolean enabled, int priority, Optional<URI> endpoint,
                   Map<String, Object> settings) {
        this(name, enabled, priority, endpoint, Type.BUILT_IN, settings);
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
                type,
                override.failurePatterns().orElse(failurePatterns),
                merged);
    }

    /** The fields with secrets redacted: a toolset that ends up in a log line must not carry them there. */
    @Override
    public String toString() {
        return "Toolset[name=" + name + ", enabled=" + enabled + ", priority=" + priority + ", endpoint="
                + endpoint.map(uri -> Redaction.url(uri.toString())) + ", type=" + type.wireName()
                + ", failurePatterns=" + failurePatterns + ", settings=" + Redaction.settings(settings) + "]";
    }
}
