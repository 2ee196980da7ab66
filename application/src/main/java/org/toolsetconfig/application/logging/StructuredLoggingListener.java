package org.toolsetconfig.application.logging;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Printable;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * Writes the log events of DESIGN.md §7, and is the only writer of event lines: the event name is
 * the message, the fields are SLF4J key-values, so a text or JSON encoder renders them as
 * {@code key=value} or fields of one object. The names are an interface operators alert on; keep
 * them stable. A failing toolset's per-failure lines follow §7's flood rule; triggers, outcomes,
 * applies and rejections are always written.
 */
public final class StructuredLoggingListener implements ToolsetEventListener {

    /** The logger every event is written to. */
    public static final String LOGGER_NAME = "org.toolsetconfig.events";

    /** How much of a reporter's error message goes into a log line (DESIGN §7: at most 200 characters). */
    private static final int MAX_MESSAGE = FailureRecord.MAX_LOGGED_MESSAGE;

    private final Logger log;
    private final FloodGuard failureLines = new FloodGuard();
    private final FloodGuard cooldownLines = new FloodGuard();
    private final FloodGuard notTrackedLines = new FloodGuard();

    /** A listener writing to {@link #LOGGER_NAME}. */
    public StructuredLoggingListener() {
        this(LoggerFactory.getLogger(LOGGER_NAME));
    }

    public StructuredLoggingListener(Logger log) {
        this.log = log;
    }

    @Override
    public void onEvent(ToolsetEvent event) {
        if (event instanceof ToolsetEvent.FailureRecorded e) {
            failure(e);
        } else if (event instanceof ToolsetEvent.SuccessRecorded e) {
            at(e.previousConsecutiveFailures() > 0 ? Level.INFO : Level.DEBUG,
                    "toolset_success_resetting_consecutive_failures")
                    .addKeyValue("toolset", e.record().toolset())
                    .addKeyValue("previous_consecutive_failures", e.previousConsecutiveFailures())
                    .addKeyValue("total_failures", e.record().totalFailures()).log();
        } else if (event instanceof ToolsetEvent.FailureThresholdReached e) {
            at(Level.ERROR, "toolset_max_failures_reached_triggering_auto_reload").addKeyValue("toolset", e.toolset())
                    .addKeyValue("consecutive_failures", e.consecutiveFailures())
                    .addKeyValue("threshold", e.threshold())
                    .addKeyValue("last_error_type", Printable.escape(e.lastErrorType()))
                    .addKeyValue("last_error_message", Printable.clip(e.lastErrorMessage(), MAX_MESSAGE)).log();
            at(Level.INFO, "force_configmap_reload_triggered").addKeyValue("toolset", e.toolset())
                    .addKeyValue("trigger", ReloadTrigger.FAILURE_THRESHOLD.wireName()).log();
        } else if (event instanceof ToolsetEvent.ReloadCooldownActive e) {
            int suppressed = cooldownLines.admit(e.toolset(), e.at());
            if (suppressed != FloodGuard.SUPPRESS) {
                suppressed(at(Level.WARN, "auto_reload_cooldown_active").addKeyValue("toolset", e.toolset())
                        .addKeyValue("consecutive_failures", e.consecutiveFailures())
                        .addKeyValue("cooldown_remaining_seconds", e.remaining().toSeconds()), suppressed).log();
            }
        } else if (event instanceof ToolsetEvent.FailureNotTracked e) {
            // One subject for all refused names: a flood of made-up names is one burst.
            int suppressed = notTrackedLines.admit(ToolsetEvent.FailureNotTracked.class, e.at());
            if (suppressed != FloodGuard.SUPPRESS) {
                suppressed(at(Level.WARN, "toolset_failure_not_tracked_cap_reached").addKeyValue("toolset", e.toolset())
                        .addKeyValue("max_tracked", e.maxTracked()), suppressed).log();
            }
        } else if (event instanceof ToolsetEvent.AutoReloadCompleted e) {
            autoReload(e);
        } else if (event instanceof ToolsetEvent.ReloadCompleted e) {
            reload(e);
        } else if (event instanceof ToolsetEvent.ReloadDeferred e) {
            at(Level.INFO, "toolset_reload_queued_active_sessions").addKeyValue("checksum", e.checksum())
                    .addKeyValue("active_sessions", e.activeSessions()).log();
        } else if (event instanceof ToolsetEvent.ConfigApplied e) {
            applied(e);
        } else if (event instanceof ToolsetEvent.ConfigWarnings e) {
            // One line per warning: an operator greps for the path, and one long line would be cut.
            for (ValidationProblem warning : e.warnings()) {
                at(Level.WARN, "config_warning").addKeyValue("generation", e.generation())
                        .addKeyValue("checksum", e.checksum()).addKeyValue("path", Printable.path(warning.path()))
                        .addKeyValue("message", Printable.escape(warning.message())).log();
            }
        } else if (event instanceof ToolsetEvent.SessionRegistered e) {
            at(Level.DEBUG, "session_registered").addKeyValue("session_id", e.session().id())
                    .addKeyValue("generation", e.session().generation())
                    .addKeyValue("active_sessions", e.activeSessions()).log();
        } else if (event instanceof ToolsetEvent.SessionUnregistered e) {
            at(Level.DEBUG, "session_unregistered").addKeyValue("session_id", e.session().id())
                    .addKeyValue("active_sessions", e.activeSessions()).log();
        } else if (event instanceof ToolsetEvent.SessionExpired e) {
            at(Level.WARN, "stale_session_force_unregistered").addKeyValue("session_id", e.session().id())
                    .addKeyValue("age_seconds", e.age().toSeconds())
                    .addKeyValue("generation", e.session().generation())
                    .addKeyValue("active_sessions", e.activeSessions()).log();
        } else if (event instanceof ToolsetEvent.DevModeStartup e) {
            at(Level.WARN, "dev_mode_enabled_skipping_validation").addKeyValue("result", e.outcome().wireName())
                    .addKeyValue("problems", describe(e.outcome())).log();
        } else if (event instanceof ToolsetEvent.ProbeCompleted e) {
            probe(e);
        } else if (event instanceof ToolsetEvent.ConnectivityChecked e) {
            at(e.unavailable() > 0 ? Level.ERROR : Level.INFO, e.unavailable() > 0
                    ? "startup_connectivity_validation_failed" : "startup_connectivity_validation_passed")
                    .addKeyValue("probed", e.probed()).addKeyValue("unavailable", e.unavailable())
                    .addKeyValue("duration_ms", e.duration().toMillis())
                    .addKeyValue("report", e.report()).log();
        } else if (event instanceof ToolsetEvent.ConfigListenerFailed e) {
            at(Level.ERROR, "config_listener_failed").addKeyValue("listener", e.listener())
                    .addKeyValue("generation", e.generation()).addKeyValue("error", Printable.escape(e.error()))
                    .setCause(e.cause()).log();
        } else if (event instanceof ToolsetEvent.ConfigListenerNotNotified e) {
            at(Level.WARN, "config_listeners_not_notified_executor_shut_down").addKeyValue("listener", e.listener())
                    .addKeyValue("generation", e.generation()).log();
        } else if (event instanceof ToolsetEvent.PendingReloadDiscarded e) {
            at(Level.INFO, "pending_reload_discarded_file_reverted").addKeyValue("checksum", e.checksum()).log();
        } else if (event instanceof ToolsetEvent.ToolsetHealthChanged e) {
            at(Level.INFO, "toolset_health_changed").addKeyValue("toolset", e.toolset())
                    .addKeyValue("from", e.from().wireName()).addKeyValue("to", e.to().wireName())
                    .addKeyValue("consecutive_failures", e.consecutiveFailures())
                    .addKeyValue("error_class", e.errorClass().wireName()).log();
        } else if (event instanceof ToolsetEvent.InvestigationOutcomeRecorded e) {
            investigation(e);
        }
    }

    private void failure(ToolsetEvent.FailureRecorded e) {
        FailureRecord r = e.record();
        int suppressed = failureLines.admit(r.toolset(), e.at());
        if (suppressed == FloodGuard.SUPPRESS) {
            return;
        }
        suppressed(at(Level.WARN, "toolset_failure_recorded").addKeyValue("toolset", r.toolset())
                .addKeyValue("failure_count", r.consecutiveFailures())
                .addKeyValue("max_failures", e.maxFailures())
                .addKeyValue("total_failures", r.totalFailures())
                .addKeyValue("error_type", Printable.escape(r.lastErrorType()))
                .addKeyValue("error_class", r.lastErrorClass().wireName())
                .addKeyValue("error_message", Printable.clip(r.lastErrorMessage(), MAX_MESSAGE)), suppressed).log();
    }

    /** Never suppressed: an error no toolset answers for is what an operator must see each time. */
    private void investigation(ToolsetEvent.InvestigationOutcomeRecorded e) {
        if (e.unmatched()) {
            at(Level.ERROR, "investigation_error_unknown_toolset")
                    .addKeyValue("error_type", Printable.clip(e.errorType(), MAX_MESSAGE))
                    .addKeyValue("error_message", Printable.clip(e.errorMessage(), MAX_MESSAGE)).log();
            return;
        }
        at(Level.DEBUG, "investigation_outcome_recorded").addKeyValue("result", e.success() ? "success" : "failure")
                .addKeyValue("charged", e.charged()).addKeyValue("reset", e.reset()).log();
    }

    private static LoggingEventBuilder suppressed(LoggingEventBuilder line, int suppressed) {
        return suppressed > 0 ? line.addKeyValue("suppressed", suppressed) : line;
    }

    private void autoReload(ToolsetEvent.AutoReloadCompleted e) {
        ReloadOutcome outcome = e.outcome();
        LoggingEventBuilder line;
        if (outcome instanceof ReloadOutcome.ConfigChanged) {
            line = at(Level.INFO, "auto_reload_successful_config_changed");
        } else if (outcome instanceof ReloadOutcome.ConfigUnchanged) {
            line = at(Level.WARN, "auto_reload_config_unchanged_toolset_still_unavailable");
        } else if (outcome instanceof ReloadOutcome.ValidationFailed) {
            line = at(Level.ERROR, "auto_reload_validation_failed_keeping_failure_counter");
        } else {
            line = at(Level.ERROR, "auto_reload_error_keeping_failure_counter");
        }
        line.addKeyValue("toolset", e.toolset()).addKeyValue("result", outcome.wireName())
                .addKeyValue("consecutive_failures", e.consecutiveFailures())
                .addKeyValue("duration_ms", e.duration().toMillis());
        if (!outcome.fileIsGood()) {
            line.addKeyValue("problems", describe(outcome));
        }
        line.log();
    }

    private void reload(ToolsetEvent.ReloadCompleted e) {
        ReloadOutcome outcome = e.outcome();
        if (outcome instanceof ReloadOutcome.Error error) {
            at(Level.ERROR, error.kind() == ReloadOutcome.ErrorKind.NOT_FOUND
                    ? "configmap_file_not_found_during_reload" : "configmap_read_error_during_reload")
                    .addKeyValue("trigger", e.trigger().wireName()).addKeyValue("kind", error.kind())
                    .addKeyValue("error", Printable.escape(error.message())).log();
        } else if (e.rejection() == ToolsetEvent.Rejection.UNPARSEABLE
                || e.rejection() == ToolsetEvent.Rejection.INVALID) {
            at(Level.ERROR, e.rejection() == ToolsetEvent.Rejection.UNPARSEABLE
                    ? "configmap_parse_error_during_reload" : "new_config_validation_failed")
                    .addKeyValue("trigger", e.trigger().wireName())
                    .addKeyValue("checksum", ((ReloadOutcome.ValidationFailed) outcome).checksum())
                    .addKeyValue("problems", describe(outcome)).log();
        }
        if (outcome instanceof ReloadOutcome.ConfigUnchanged unchanged) {
            // The troubleshooting guide greps for this after a forced or manual re-check; the
            // backstop poll finds the same bytes every minute, so its line is DEBUG.
            at(e.trigger() == ReloadTrigger.POLL ? Level.DEBUG : Level.INFO, "configmap_file_unchanged_no_reload")
                    .addKeyValue("trigger", e.trigger().wireName()).addKeyValue("checksum", unchanged.checksum())
                    .log();
        }
        LoggingEventBuilder line = at(outcome instanceof ReloadOutcome.ConfigUnchanged ? Level.DEBUG : Level.INFO,
                "configmap_reload_complete")
                .addKeyValue("trigger", e.trigger().wireName()).addKeyValue("result", outcome.wireName())
                .addKeyValue("duration_ms", e.duration().toMillis());
        if (outcome instanceof ReloadOutcome.ConfigChanged changed) {
            line.addKeyValue("applied", changed.applied().wireName()).addKeyValue("checksum", changed.checksum())
                    .addKeyValue("changed_toolsets", changed.changedToolsets().size());
        }
        if (e.rejection() == ToolsetEvent.Rejection.REPEATED) {
            line.addKeyValue("repeated_rejection", true);
        }
        line.log();
    }

    private void applied(ToolsetEvent.ConfigApplied e) {
        ConfigSnapshot current = e.current();
        String name = switch (e.reason()) {
            case IMMEDIATE -> "toolset_reload_immediate_no_active_sessions";
            case LAST_SESSION_COMPLETED -> "last_session_completed_applying_pending_reload";
            case STALE_SESSIONS_EXPIRED -> "pending_reload_applied_stale_sessions_expired";
            case DEFERRAL_EXPIRED -> "pending_reload_applied_max_deferral_reached";
        };
        at(e.reason() == ToolsetEvent.ApplyReason.DEFERRAL_EXPIRED ? Level.WARN : Level.INFO, name)
                .addKeyValue("generation", current.generation())
                .addKeyValue("previous_generation", e.previous().generation())
                .addKeyValue("checksum", current.checksum())
                .addKeyValue("toolsets_active", current.toolsets().size())
                .addKeyValue("changed_toolsets", e.changedToolsets().stream().map(Object::toString).sorted().toList())
                .addKeyValue("active_sessions", e.activeSessions()).log();
    }

    private void probe(ToolsetEvent.ProbeCompleted e) {
        ProbeResult result = e.result();
        if (result instanceof ProbeResult.Unreachable down) {
            at(Level.ERROR, "toolset_probe_failed").addKeyValue("toolset", e.toolset())
                    .addKeyValue("failure_reason", down.reason().wireName()).addKeyValue("detail", down.detail())
                    .addKeyValue("hint", down.hint()).addKeyValue("duration_ms", down.duration().toMillis()).log();
        } else if (result instanceof ProbeResult.Reachable up) {
            at(Level.INFO, "toolset_probe_succeeded").addKeyValue("toolset", e.toolset())
                    .addKeyValue("target", up.target()).addKeyValue("duration_ms", up.duration().toMillis()).log();
        } else {
            at(Level.INFO, "toolset_probe_skipped").addKeyValue("toolset", e.toolset())
                    .addKeyValue("note", ((ProbeResult.Skipped) result).note()).log();
        }
    }

    private LoggingEventBuilder at(Level level, String eventName) {
        return log.atLevel(level).setMessage(eventName);
    }

    private static List<String> describe(ReloadOutcome outcome) {
        if (outcome instanceof ReloadOutcome.ValidationFailed failed) {
            return failed.problems().stream().filter(ValidationProblem::isError)
                    .map(problem -> Printable.escape(problem.toString())).toList();
        }
        if (outcome instanceof ReloadOutcome.Error error) {
            return List.of(Printable.escape(error.message()));
        }
        return List.of();
    }
}
