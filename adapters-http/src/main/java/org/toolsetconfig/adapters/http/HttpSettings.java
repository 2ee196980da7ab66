package org.toolsetconfig.adapters.http;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the HTTP API listens, the bearer token that guards it, and the longest answer it writes.
 * Port 0 picks a free port (read it back with {@link HttpApiServer#port()}). With a token, every
 * request under {@code /api/v1}, reads included, needs {@code Authorization: Bearer <token>}.
 */
public record HttpSettings(String host, int port, Optional<String> apiToken, long maxResponseChars) {

    /** {@code TOOLSET_CONFIG_MAX_BYTES}' default, for settings made without one. */
    private static final long DEFAULT_CONFIG_MAX_BYTES = 1024 * 1024;

    /**
     * The longest answer is the active configuration as JSON (or a validated document's): each
     * toolset gains field names and quotes, about twice the YAML, and the decoder lets aliases
     * expand a document to a few times its size. Eight times the configuration's limit (8 MiB at
     * the default 1 MiB) carries any document the service accepts, and a heap of a few hundred MiB
     * survives several such answers at once; past it an answer is refused with a 500 problem.
     */
    private static final int RESPONSE_TO_CONFIG_RATIO = 8;

    /** Checks the host, the port range, that a token, when given, is not blank, and the bound. */
    public HttpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(apiToken, "apiToken");
        if (host.isBlank()) {
            throw new IllegalArgumentException("HTTP host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, was " + port);
        }
        if (apiToken.isPresent() && apiToken.get().isBlank()) {
            throw new IllegalArgumentException("API token must not be blank when it is set");
        }
        if (maxResponseChars < 1024 || maxResponseChars > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("the response bound must be between 1024 and " + (Integer.MAX_VALUE - 1)
                    + " characters, was " + maxResponseChars);
        }
    }

    /** Listens on {@code host:port} with no token: the API is open. */
    public static HttpSettings open(String host, int port) {
        return new HttpSettings(host, port, Optional.empty(), RESPONSE_TO_CONFIG_RATIO * DEFAULT_CONFIG_MAX_BYTES);
    }

    /** These settings with {@code /api/v1} guarded by {@code token}. */
    public HttpSettings withApiToken(String token) {
        return new HttpSettings(host, port, Optional.of(token), maxResponseChars);
    }

    /** These settings with answers bounded for configuration files of up to {@code configMaxBytes}. */
    public HttpSettings forConfigMaxBytes(long configMaxBytes) {
        return withMaxResponseChars(Math.min(Integer.MAX_VALUE - 1L, RESPONSE_TO_CONFIG_RATIO * configMaxBytes));
    }

    /** These settings with answers bounded at {@code max} characters. */
    public HttpSettings withMaxResponseChars(long max) {
        return new HttpSettings(host, port, apiToken, max);
    }

    @Override
    public String toString() {
        // Never print the token itself.
        return "HttpSettings[host=" + host + ", port=" + port + ", apiToken=" + (apiToken.isPresent() ? "***" : "none")
                + ", maxResponseChars=" + maxResponseChars + "]";
    }
}
