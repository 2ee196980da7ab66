package org.toolsetconfig.adapters.http;

import java.util.Objects;

/**
 * Where the configuration is read from, as {@code GET /api/v1/status} reports it under
 * {@code source} (DESIGN §5). Whoever wires the source hands this in with the other reported
 * settings; the adapter only shows it.
 */
public sealed interface StatusSource {

    /** The mounted file (DESIGN §6) at {@code path}. */
    record File(String path) implements StatusSource {
        /** Checks the path is given. */
        public File {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The ConfigMap {@code namespace/name}, key {@code key}, read through the Kubernetes API (DESIGN §10). */
    record Kubernetes(String namespace, String name, String key) implements StatusSource {
        /** Checks every part is given. */
        public Kubernetes {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
        }
    }
}
