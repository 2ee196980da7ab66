package org.toolsetconfig.bootstrap;

import java.util.Objects;
import org.toolsetconfig.adapters.http.StatusSource;

/**
 * What the configuration is read from, in words, as the source's adapter module describes it: the
 * {@code source} of {@code TOOLSET_SOURCE}, the {@code location} (the file, or the ConfigMap and its
 * key), the same for {@code /api/v1/status} ({@code status}), and for startup's refusal {@code howToCreate} a source that does not exist and {@code howToFix}
 * one that failed otherwise.
 */
record SourceDescription(Settings.Source source, String location, StatusSource status, String howToCreate,
                         String howToFix) {

    SourceDescription {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(howToCreate, "howToCreate");
        Objects.requireNonNull(howToFix, "howToFix");
    }
}
