package org.toolsetconfig.bootstrap;

import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The command-line flags of the settings. Each overrides its environment variable. Values are
 * kept as text and checked by {@link SettingsResolver}, so a bad flag and a bad variable get the
 * same message naming the variable, the value and the allowed range.
 */
final class SettingsOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (TOOLSET_CONFIG_PATH, default /etc/kubernaut/toolsets/toolsets.yaml).")
    String configPath;

    @Option(names = "--max-failures-before-reload", paramLabel = "N",
            description = "Consecutive failures that force a re-check, 1-10 (TOOLSET_MAX_FAILURES_BEFORE_RELOAD, default 3).")
    String maxFailuresBeforeReload;

    @Option(names = "--reload-cooldown-seconds", paramLabel = "SECONDS",
            description = "Per-toolset time between forced re-checks (TOOLSET_RELOAD_COOLDOWN_SECONDS, default 60).")
    String reloadCooldownSeconds;

    @Option(names = "--poll-interval-seconds", paramLabel = "SECONDS",
            description = "Backstop poll, clamped to 30-300 (TOOLSET_POLL_INTERVAL_SECONDS, default 60).")
    String pollIntervalSeconds;

    @Option(names = "--watch", negatable = true,
            description = "Watch the config directory for changes; the poll runs either way (TOOLSET_WATCH_ENABLED, default true).")
    Boolean watchEnabled;

    @Option(names = "--watch-debounce-millis", paramLabel = "MILLIS",
            description = "Quiet time that coalesces a burst of file events (TOOLSET_WATCH_DEBOUNCE_MILLIS, default 100).")
    String watchDebounceMillis;

    @Option(names = "--config-max-bytes", paramLabel = "BYTES",
            description = "Largest config file read (TOOLSET_CONFIG_MAX_BYTES, default 1048576).")
    String configMaxBytes;

    @Option(names = "--session-ttl-seconds", paramLabel = "SECONDS",
            description = "Age at which a session is force-expired (TOOLSET_SESSION_TTL_SECONDS, default 600).")
    String sessionTtlSeconds;

    @Option(names = "--max-reload-deferral-seconds", paramLabel = "SECONDS",
            description = "Longest a valid change waits for sessions (TOOLSET_MAX_RELOAD_DEFERRAL_SECONDS, default 600).")
    String maxReloadDeferralSeconds;

    @Option(names = "--max-tracked", paramLabel = "N",
            description = "Distinct toolset names with failure records (TOOLSET_MAX_TRACKED, default 1000).")
    String maxTracked;

    @Option(names = "--max-sessions", paramLabel = "N",
            description = "Active sessions at most (TOOLSET_MAX_SESSIONS, default 10000).")
    String maxSessions;

    @Option(names = "--dev-mode", negatable = true,
            description = "Start even when the config is missing or invalid (HOLMESGPT_DEV_MODE, default false).")
    Boolean devMode;

    @Option(names = "--host", paramLabel = "HOST",
            description = "Address the HTTP API binds to (TOOLSET_HTTP_HOST, default 0.0.0.0).")
    String httpHost;

    @Option(names = "--port", paramLabel = "PORT",
            description = "HTTP port; 0 picks a free one, printed at startup (TOOLSET_HTTP_PORT, default 8080).")
    String httpPort;

    @Option(names = "--api-token", paramLabel = "TOKEN",
            description = "Bearer token required by POST/PUT/DELETE; prefer --api-token-file, flags show in process lists (TOOLSET_API_TOKEN).")
    String apiToken;

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "File holding the bearer token (TOOLSET_API_TOKEN_FILE).")
    String apiTokenFile;

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Log format (TOOLSET_LOG_FORMAT, default text).")
    String logFormat;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "TRACE, DEBUG, INFO, WARN or ERROR (TOOLSET_LOG_LEVEL, default INFO).")
    String logLevel;

    @Option(names = "--startup-probes", negatable = true,
            description = "Probe each enabled toolset's endpoint before serving; an unreachable one stops startup (TOOLSET_STARTUP_PROBES, default true).")
    Boolean startupProbes;

    @Option(names = "--probe-timeout-seconds", paramLabel = "SECONDS",
            description = "Timeout of one startup probe, 1-60 (TOOLSET_PROBE_TIMEOUT_SECONDS, default 5).")
    String probeTimeoutSeconds;

    @Option(names = "--probe-total-timeout-seconds", paramLabel = "SECONDS",
            description = "Timeout of all startup probes together, 1-600 (TOOLSET_PROBE_TOTAL_TIMEOUT_SECONDS, default 30).")
    String probeTotalTimeoutSeconds;

    /** The flags that were given, as text. */
    Map<Setting, String> given() {
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        put(given, Setting.CONFIG_PATH, configPath);
        put(given, Setting.MAX_FAILURES_BEFORE_RELOAD, maxFailuresBeforeReload);
        put(given, Setting.RELOAD_COOLDOWN_SECONDS, reloadCooldownSeconds);
        put(given, Setting.POLL_INTERVAL_SECONDS, pollIntervalSeconds);
        put(given, Setting.WATCH_ENABLED, watchEnabled == null ? null : watchEnabled.toString());
        put(given, Setting.WATCH_DEBOUNCE_MILLIS, watchDebounceMillis);
        put(given, Setting.CONFIG_MAX_BYTES, configMaxBytes);
        put(given, Setting.SESSION_TTL_SECONDS, sessionTtlSeconds);
        put(given, Setting.MAX_RELOAD_DEFERRAL_SECONDS, maxReloadDeferralSeconds);
        put(given, Setting.MAX_TRACKED, maxTracked);
        put(given, Setting.MAX_SESSIONS, maxSessions);
        put(given, Setting.DEV_MODE, devMode == null ? null : devMode.toString());
        put(given, Setting.HTTP_HOST, httpHost);
        put(given, Setting.HTTP_PORT, httpPort);
        put(given, Setting.API_TOKEN, apiToken);
        put(given, Setting.API_TOKEN_FILE, apiTokenFile);
        put(given, Setting.LOG_FORMAT, logFormat);
        put(given, Setting.LOG_LEVEL, logLevel);
        put(given, Setting.STARTUP_PROBES, startupProbes == null ? null : startupProbes.toString());
        put(given, Setting.PROBE_TIMEOUT_SECONDS, probeTimeoutSeconds);
        put(given, Setting.PROBE_TOTAL_TIMEOUT_SECONDS, probeTotalTimeoutSeconds);
        return given;
    }

    private static void put(Map<Setting, String> given, Setting setting, String value) {
        if (value != null) {
            given.put(setting, value);
        }
    }
}
