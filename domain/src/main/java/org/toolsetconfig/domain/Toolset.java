package org.toolsetconfig.domain;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One toolset as the investigation engine uses it. {@code settings} holds every other key of its
 * entry verbatim (deeply immutable, secrets included: show them only through {@link Redaction});
 * {@code endpoint}, when present, is an http or https URI; a higher {@code priority} is tried first.
 * {@code failurePatterns} are the toolset's own regular expressions for error texts (DESIGN §9), as
 * written; empty means its family's defaults.
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

        /** The name in JSON answers. */
        public String wireName() {
            return wireName;
        }
    }

    /** Checks that every part is present and freezes the settings. */
    public Toolset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(type, "type");
        endpoint.ifPresent(Endpoints::requireHttp);
        failurePatterns = List.copyOf(failurePatterns);
        settings = Immutables.deepCopy(Objects.requireNonNull(settings, "settings"));
    }

    /** A toolset with its family's default failure patterns. */
    public Toolset(ToolsetName name, boolean enabled, int priority, Optional<URI> endpoint, Type type,
                   Map<String, Object> settings) {
        this(name, enabled, priority, endpoint, type, List.of(), settings);
    }

    /** A {@link Type#BUILT_IN} toolset: what every entry outside {@code mcp_servers:} is. */
    public Toolset(ToolsetName name, boolean enabled, int priority, Optional<URI> endpoint,
                   Map<String, Object> settings) {
        this(name, enabled, priority, endpoint, Type.BUILT_IN, settings);
    }

    /** An enabled toolset with priority 0, no endpoint and no settings. */
    public static Toolset named(String name) {
        return new Toolset(ToolsetName.of(name), true, 0, Optional.empty(), Map.of());
    }

    /** This toolset with {@code override} applied: each field it sets wins, its settings are merged in. */
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
