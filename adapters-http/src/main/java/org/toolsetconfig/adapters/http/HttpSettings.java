package org.toolsetconfig.adapters.http;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the HTTP API listens, the bearer token that guards its writes, and the settings that
 * {@code /api/v1/status} reports. Port 0 picks a free port
 * (read it back with {@link HttpApiServer#port()}). With a token, every POST, PUT, PATCH and DELETE
 * under {@code /api/v1} needs {@code Authorization: Bearer <token>}.
 */
public record HttpSettings(String host, int port, Optional<String> apiToken, StatusSettings status) {

    /** Checks the host, the port range and that a token, when given, is not blank. */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiToken, "apiToken");
        Objects.requireNonNull(status, "status");
        if (host.isBlank()) {
            throw new IllegalArgumentException("HTTP host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, was " + port);
        }
        if (apiToken.isPresent() && apiToken.get().isBlank()) {
            throw new IllegalArgumentException("API token must not be blank when it is set");
        }
    }

    /** Listens on {@code host:port} with no token: the API is open. */
    public static HttpSettings open(String host, int port, StatusSettings status) {
        return new HttpSettings(host, port, Optional.empty(), status);
    }

    /** These settings with writes guarded by {@code token}. */
    public HttpSettings withApiToken(String token) {
        return new HttpSettings(host, port, Optional.of(token), status);
    }

    @Override
    public String toString() {
        // Never print the token itself.
        return "HttpSettings[host=" + host + ", port=" + port + ", apiToken=" + (apiToken.isPresent() ? "***" : "none")
                + "]";
    }
}
