package org.toolsetconfig.bootstrap;

import java.util.Objects;

/**
 * What the configuration is read from, in words, as the source's adapter module describes it: the
 * {@code source} of {@code TOOLSET_SOURCE}, the {@code location} (the file, or the ConfigMap and its
 * key), and {@code howToFix} a first load that failed, for startup's refusal.
 */
record SourceDescription(Settings.Source source, String location, String howToFix) {

    SourceDescription {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(howToFix, "howToFix");
    }
}
