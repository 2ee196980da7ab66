package org.toolsetconfig.bootstrap;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.event.Level;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.in.ServiceSettings;

/**
 * Every setting of DESIGN.md §4, checked: what the core obeys ({@link ServiceSettings}, and
 * {@link ProbeSettings} for the startup connectivity probes) and what only the process needs (where
 * to listen, the API token, how to log).
 */
record Settings(ServiceSettings service, ProbeSettings probes, String httpHost, int httpPort,
                Optional<ApiToken> apiToken, LogFormat logFormat, Level logLevel) {

    /** Checks the parts. */
    Settings {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(probes, "probes");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
    }

    /** The configuration file. */
    Path configFile() {
        return Path.of(service.configPath());
    }

    /** How log lines are written: {@code TOOLSET_LOG_FORMAT}. */
    enum LogFormat {
        /** {@code time level event key=value …} */
        TEXT,
        /** One JSON object per line with the event name and every key-value as a field. */
        JSON
    }

    /** The bearer token of the API; never printed. */
    record ApiToken(String value) {
        /** Checks the parts. */
        ApiToken {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "ApiToken[****]";
        }
    }
}
