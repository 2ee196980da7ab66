package org.toolsetconfig.bootstrap;

import com.google.inject.Module;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.toolsetconfig.adapters.http.WebhookSettings;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.domain.ReloadPolicy;

/**
 * The checked value of every declared {@link Setting}; read one with {@link #get}. What the core
 * and the startup probes obey is built here from those values; adapters read theirs with get.
 */
record Settings(Map<Setting<?>, Object> values) {

    Settings {
        values = Map.copyOf(values);
        if (!values.keySet().containsAll(Setting.all())) {
            throw new IllegalArgumentException("a value for every setting is needed");
        }
    }

    @SuppressWarnings("unchecked") // each value was parsed by its own setting's kind
    <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    CoreSettings core() {
        return new CoreSettings(new ReloadPolicy(get(Setting.MAX_FAILURES_BEFORE_RELOAD),
                get(Setting.RELOAD_COOLDOWN_SECONDS)), get(Setting.SESSION_TTL_SECONDS),
                get(Setting.MAX_RELOAD_DEFERRAL_SECONDS), get(Setting.MAX_TRACKED), get(Setting.MAX_SESSIONS),
                get(Setting.DEV_MODE), get(Setting.HISTORY_SIZE));
    }

    ProbeSettings probes() {
        return new ProbeSettings(get(Setting.STARTUP_PROBES), get(Setting.PROBE_TIMEOUT_SECONDS),
                get(Setting.PROBE_TOTAL_TIMEOUT_SECONDS));
    }

    /** The token from its variable or from its file (never both: the resolver refuses that). */
    Optional<Secret> apiToken() {
        return get(Setting.API_TOKEN).or(() -> get(Setting.API_TOKEN_FILE));
    }

    /** Where webhooks go and the key that signs them (the secret from its variable or its file, never both). */
    WebhookSettings webhooks() {
        return new WebhookSettings(get(Setting.WEBHOOK_URLS),
                get(Setting.WEBHOOK_SECRET).or(() -> get(Setting.WEBHOOK_SECRET_FILE)).map(Secret::value));
    }

    /** What {@code /api/v1/status} lists under {@code settings}: each reported setting by its status name, in order. */
    Map<String, Object> reported() {
        Map<String, Object> reported = new LinkedHashMap<>();
        for (Setting<?> setting : Setting.all()) {
            if (setting.reported()) {
                reported.put(setting.statusName(), shown(setting));
            }
        }
        return reported;
    }

    private <T> Object shown(Setting<T> setting) {
        return setting.kind().shown().apply(get(setting));
    }

    /**
     * Where the configuration is read ({@code TOOLSET_SOURCE}), and the adapter module that reads it
     * there: one or the other is installed, never both.
     */
    enum Source {
        /** The file of the mounted ConfigMap (DESIGN.md §6). */
        FILE {
            @Override
            Module adapterModule() {
                return new FilesystemAdapterModule();
            }
        },
        /** The ConfigMap through the Kubernetes API server (DESIGN.md §10). */
        KUBERNETES {
            @Override
            Module adapterModule() {
                return new KubernetesAdapterModule();
            }
        };

        /** The Guice module of this source's adapter. */
        abstract Module adapterModule();

        /** As the setting's text and the logs name it: {@code file}, {@code kubernetes}. */
        String shown() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How log lines are written: {@code TOOLSET_LOG_FORMAT}. */
    enum LogFormat {
        /** {@code time level event key=value …} */
        TEXT,
        /** One JSON object per line with the event name and every key-value as a field. */
        JSON
    }

    /** The value of a secret setting (the API's bearer token, the webhooks' signing key); never printed. */
    record Secret(String value) {
        Secret {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Secret[****]";
        }
    }
}
