package org.toolsetconfig.bootstrap;

/**
 * The settings of DESIGN.md §4: the environment variable that sets each one and the command-line
 * flag that overrides it. Messages about a bad value always name the variable.
 */
enum Setting {
    CONFIG_PATH("TOOLSET_CONFIG_PATH", "--config"),
    MAX_FAILURES_BEFORE_RELOAD("TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "--max-failures-before-reload"),
    RELOAD_COOLDOWN_SECONDS("TOOLSET_RELOAD_COOLDOWN_SECONDS", "--reload-cooldown-seconds"),
    POLL_INTERVAL_SECONDS("TOOLSET_POLL_INTERVAL_SECONDS", "--poll-interval-seconds"),
    WATCH_ENABLED("TOOLSET_WATCH_ENABLED", "--watch"),
    WATCH_DEBOUNCE_MILLIS("TOOLSET_WATCH_DEBOUNCE_MILLIS", "--watch-debounce-millis"),
    CONFIG_MAX_BYTES("TOOLSET_CONFIG_MAX_BYTES", "--config-max-bytes"),
    SESSION_TTL_SECONDS("TOOLSET_SESSION_TTL_SECONDS", "--session-ttl-seconds"),
    MAX_RELOAD_DEFERRAL_SECONDS("TOOLSET_MAX_RELOAD_DEFERRAL_SECONDS", "--max-reload-deferral-seconds"),
    MAX_TRACKED("TOOLSET_MAX_TRACKED", "--max-tracked"),
    MAX_SESSIONS("TOOLSET_MAX_SESSIONS", "--max-sessions"),
    DEV_MODE("HOLMESGPT_DEV_MODE", "--dev-mode"),
    HTTP_HOST("TOOLSET_HTTP_HOST", "--host"),
    HTTP_PORT("TOOLSET_HTTP_PORT", "--port"),
    API_TOKEN("TOOLSET_API_TOKEN", "--api-token"),
    API_TOKEN_FILE("TOOLSET_API_TOKEN_FILE", "--api-token-file"),
    LOG_FORMAT("TOOLSET_LOG_FORMAT", "--log-format"),
    LOG_LEVEL("TOOLSET_LOG_LEVEL", "--log-level"),
    STARTUP_PROBES("TOOLSET_STARTUP_PROBES", "--startup-probes"),
    PROBE_TIMEOUT_SECONDS("TOOLSET_PROBE_TIMEOUT_SECONDS", "--probe-timeout-seconds"),
    PROBE_TOTAL_TIMEOUT_SECONDS("TOOLSET_PROBE_TOTAL_TIMEOUT_SECONDS",
            "--probe-total-timeout-seconds");

    private final String variable;
    private final String flag;

    Setting(String variable, String flag) {
        this.variable = variable;
        this.flag = flag;
    }

    /** The environment variable. */
    String variable() {
        return variable;
    }

    /** The command-line flag that overrides the variable. */
    String flag() {
        return flag;
    }
}
