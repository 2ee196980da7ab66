package org.toolsetconfig.adapters.metrics;

/**
 * The names of every meter of DESIGN.md §7, dotted as Micrometer wants them, and their label keys.
 * Scraped as Prometheus text they become exactly the names dashboards and alerts use: a counter gains
 * {@code _total}, a timer {@code _seconds}; base units are never appended to these names (see
 * {@link PrometheusScrape}), so each name here already carries its unit where it has one.
 */
public final class MetricNames {

    /** Every meter of the service starts with this; the Prometheus naming rule keys on it. */
    public static final String PREFIX = "holmesgpt.";

    /** Counter {@code holmesgpt_auto_reload_triggered_total{toolset,result}}: re-checks forced by failures. */
    public static final String AUTO_RELOAD_TRIGGERED = "holmesgpt.auto.reload.triggered";
    /** Histogram {@code holmesgpt_auto_reload_duration_seconds{result}}: how long a forced re-check took. */
    public static final String AUTO_RELOAD_DURATION = "holmesgpt.auto.reload.duration";
    /** Histogram {@code holmesgpt_consecutive_failures_before_reload{toolset}}: the count that forced a re-check. */
    public static final String CONSECUTIVE_FAILURES_BEFORE_RELOAD = "holmesgpt.consecutive.failures.before.reload";
    /** Counter {@code holmesgpt_reload_cooldown_blocks_total{toolset}}: failures past the threshold inside the cooldown. */
    public static final String RELOAD_COOLDOWN_BLOCKS = "holmesgpt.reload.cooldown.blocks";
    /** Counter {@code holmesgpt_configmap_reload_total{trigger,result}}: every re-check, whatever triggered it. */
    public static final String CONFIGMAP_RELOAD = "holmesgpt.configmap.reload";
    /** Gauge {@code holmesgpt_config_last_reload_successful}: 1 when the last re-check found a good file. */
    public static final String CONFIG_LAST_RELOAD_SUCCESSFUL = "holmesgpt.config.last.reload.successful";
    /** Gauge {@code holmesgpt_config_last_reload_success_timestamp_seconds}: when a re-check last found a good file. */
    public static final String CONFIG_LAST_RELOAD_SUCCESS_TIMESTAMP =
            "holmesgpt.config.last.reload.success.timestamp.seconds";
    /** Gauge {@code holmesgpt_config_info{checksum,generation}} = 1: the active snapshot. */
    public static final String CONFIG_INFO = "holmesgpt.config.info";
    /** Gauge {@code holmesgpt_toolsets_active}: toolsets in the active snapshot. */
    public static final String TOOLSETS_ACTIVE = "holmesgpt.toolsets.active";
    /** Gauge {@code holmesgpt_toolset_failure_count{toolset}}: consecutive failures now. */
    public static final String TOOLSET_FAILURE_COUNT = "holmesgpt.toolset.failure.count";
    /** Counter {@code holmesgpt_toolset_failures_total{toolset,error_type}}: every failure reported. */
    public static final String TOOLSET_FAILURES = "holmesgpt.toolset.failures";
    /**
     * Counter {@code holmesgpt_toolset_failures_not_tracked_total}: failures refused because the
     * places for names outside the active config were all held (B3). No toolset label: the refused
     * names are exactly the ones nobody bounded.
     */
    public static final String TOOLSET_FAILURES_NOT_TRACKED = "holmesgpt.toolset.failures.not.tracked";
    /** Gauge {@code holmesgpt_active_investigation_sessions}: registered sessions. */
    public static final String ACTIVE_INVESTIGATION_SESSIONS = "holmesgpt.active.investigation.sessions";
    /** Gauge {@code holmesgpt_reload_pending}: 1 while a valid changed config waits for sessions to end. */
    public static final String RELOAD_PENDING = "holmesgpt.reload.pending";
    /** Gauge {@code holmesgpt_dev_mode_enabled}: 1 in dev mode. */
    public static final String DEV_MODE_ENABLED = "holmesgpt.dev.mode.enabled";
    /** Gauge {@code holmesgpt_config_source_connected}: 1 while the Kubernetes source's watch is established. */
    public static final String CONFIG_SOURCE_CONNECTED = "holmesgpt.config.source.connected";
    /** Counter {@code holmesgpt_config_source_reconnects_total}: times the Kubernetes source's watch started again. */
    public static final String CONFIG_SOURCE_RECONNECTS = "holmesgpt.config.source.reconnects";
    /** Gauge {@code holmesgpt_event_subscribers}: clients connected to the event stream now. */
    public static final String EVENT_SUBSCRIBERS = "holmesgpt.event.subscribers";
    /**
     * Counter {@code holmesgpt_webhook_deliveries_total{result}}: webhook deliveries by what happened
     * ({@code delivered}, {@code retried} per extra attempt, {@code failed} after the last attempt,
     * {@code dropped} from a full queue or at stop).
     */
    public static final String WEBHOOK_DELIVERIES = "holmesgpt.webhook.deliveries";

    /** Timer {@code holmesgpt_startup_validation_duration_seconds{toolset}}: how long a startup probe took. */
    public static final String STARTUP_VALIDATION_DURATION = "holmesgpt.startup.validation.duration";
    /** Counter {@code holmesgpt_startup_validation_failures_total{toolset,failure_reason}}: unreachable toolsets at startup. */
    public static final String STARTUP_VALIDATION_FAILURES = "holmesgpt.startup.validation.failures";

    /** Gauge {@code holmesgpt_toolset_status{toolset,status}}: 1 for a defined toolset's health now, 0 for the other three. */
    public static final String TOOLSET_STATUS = "holmesgpt.toolset.status";
    /** Counter {@code holmesgpt_investigation_outcomes_total{result,matched}}: investigation outcomes reported. */
    public static final String INVESTIGATION_OUTCOMES = "holmesgpt.investigation.outcomes";

    /** Label: the toolset name. */
    public static final String TOOLSET = "toolset";
    /** Label: a re-check's result ({@code config_changed}, {@code config_unchanged}, {@code validation_failed}, {@code error}). */
    public static final String RESULT = "result";
    /** Label: what triggered a re-check ({@code startup}, {@code watch}, {@code poll}, {@code failure_threshold}, {@code manual}). */
    public static final String TRIGGER = "trigger";
    /** Label: the reporter's error type, bounded. */
    public static final String ERROR_TYPE = "error_type";
    /** Label: why a startup probe failed ({@code timeout}, {@code connection_refused}, {@code http_status}, …). */
    public static final String FAILURE_REASON = "failure_reason";
    /** Label: a toolset's health ({@code healthy}, {@code degraded}, {@code failing}, {@code disabled}). */
    public static final String STATUS = "status";
    /** Label: whether an investigation outcome concerned any toolset ({@code true}/{@code false}). */
    public static final String MATCHED = "matched";
    /** Label: the active snapshot's SHA-256. */
    public static final String CHECKSUM = "checksum";
    /** Label: the active snapshot's generation. */
    public static final String GENERATION = "generation";

    /** The {@code error_type} of every type past the cap of distinct types. */
    public static final String OTHER_ERROR_TYPE = "other";
    /**
     * The {@code toolset} of every name past the cap of distinct toolsets. Not a valid toolset name,
     * so it never mixes with a real one; with the cap at {@code TOOLSET_MAX_TRACKED} it never shows.
     */
    public static final String OTHER_TOOLSET = "_other";

    private MetricNames() {
    }
}
