package org.toolsetconfig.domain;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What an {@code overrides:} entry changes in a discovered toolset; an empty field changes nothing. */
public record ToolsetOverride(Optional<Boolean> enabled, Optional<Integer> priority, Optional<URI> endpoint,
                              Optional<List<String>> failurePatterns, Map<String, Object> settings) {

    /** Checks that every part is present and freezes the settings. */
    public ToolsetOverride {
        Objects.requireNonNull(enabled, "enabled");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(endpoint, "endpoint");
        endpoint.ifPresent(Endpoints::requireHttp);
        failurePatterns = failurePatterns.map(List::copyOf);
        settings = Immutables.deepCopy(Objects.requireNonNull(settings, "settings"));
    }

    /** An override that leaves the failure patterns as they are. */
    public ToolsetOverride(Optional<Boolean> enabled, Optional<Integer> priority, Optional<URI> endpoint,
                           Map<String, Object> settings) {
        this(enabled, priority, endpoint, Optional.empty(), settings);
    }

    /** An override that only switches the toolset on or off. */
    public static ToolsetOverride enabled(boolean value) {
        return new ToolsetOverride(Optional.of(value), Optional.empty(), Optional.empty(), Map.of());
    }

    /** The fields with secrets redacted, as {@link Toolset#toString()} does. */
    @Override
    public String toString() {
        return "ToolsetOverride[enabled=" + enabled + ", priority=" + priority + ", endpoint="
                + endpoint.map(uri -> Redaction.url(uri.toString())) + ", failurePatterns=" + failurePatterns
                + ", settings=" + Redaction.settings(settings)
                + "]";
    }
}
