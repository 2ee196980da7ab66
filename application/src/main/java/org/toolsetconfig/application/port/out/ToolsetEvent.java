package org.toolsetconfig.application.port.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ErrorClass;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

/** Everything that happens in the service, as data. Each event carries the instant it happened at. */
public sealed interface ToolsetEvent {

    /** When the event happened, from the service's clock. */
    Instant at();

    /**
     * A toolset failed; {@code record} is its history including this failure, {@code maxFailures}
     * the consecutive failures that force a re-check.
     */
    record FailureRecorded(FailureRecord record, int maxFailures, Instant at) implements ToolsetEvent {
    }

    /** A toolset succeeded; its consecutive failures were {@code previousConsecutiveFailures} and are now 0. */
    record SuccessRecorded(FailureRecord record, int previousConsecutiveFailures, Instant at) implements ToolsetEvent {
    }

    /**
     * A defined toolset's health moved from {@code from} to {@code to} (a failure, a success, or a reset
     * or enabling change of an applied config); {@code errorClass} is its last failure's class.
     */
    record ToolsetHealthChanged(ToolsetName toolset, ToolsetHealth from, ToolsetHealth to, int consecutiveFailures,
                                ErrorClass errorClass, Instant at) implements ToolsetEvent {
    }

    /**
     * An investigation's outcome was applied (DESIGN §9): {@code charged} got a failure each,
     * {@code reset} a success each. {@code unmatched} when a failure named no toolset, so nothing was
     * counted; {@code errorType} and {@code errorMessage} are the failure's as reported (empty for a
     * success); a log line cuts them.
     */
    record InvestigationOutcomeRecorded(boolean success, List<ToolsetName> charged,
                                        List<ToolsetName> reset, boolean unmatched, String errorType,
                                        String errorMessage, Instant at) implements ToolsetEvent {
        /**
         * Copies the lists.
         *
         * @param success whether the investigation succeeded
         * @param charged the toolsets that got a failure
         * @param reset the toolsets that got a success
         * @param unmatched whether a failure matched no toolset
         * @param errorType the failure's error type, empty for a success
         * @param errorMessage the failure's text, empty for a success
         * @param at when
         */
        public InvestigationOutcomeRecorded {
            charged = List.copyOf(charged);
            reset = List.copyOf(reset);
        }
    }

    /**
     * A failure of {@code toolset}, a name outside the active config, was not recorded: the
     * {@code maxTracked} places for such names are taken by names that still have consecutive
     * failures.
     */
    record FailureNotTracked(ToolsetName toolset, int maxTracked, Instant at) implements ToolsetEvent {
    }

    /** A toolset reached the failure threshold and forces a re-check now; the last error is the one that did it. */
    record FailureThresholdReached(ToolsetName toolset, int consecutiveFailures, int threshold, String lastErrorType,
                                   String lastErrorMessage, Instant at) implements ToolsetEvent {
    }

    /** A toolset is past the threshold but forced a re-check too recently; {@code remaining} until it may again. */
    record ReloadCooldownActive(ToolsetName toolset, int consecutiveFailures, Duration remaining, Instant at)
            implements ToolsetEvent {
    }

    /** The re-check forced by {@code toolset}'s failures ended with {@code outcome}. */
    record AutoReloadCompleted(ToolsetName toolset, ReloadOutcome outcome, int consecutiveFailures, Duration duration,
                               Instant at) implements ToolsetEvent {
    }

    /** How a rejected file was rejected; {@link #NONE} when the file was not rejected. */
    enum Rejection {
        /** Not rejected (changed, unchanged, or not readable at all). */
        NONE,
        /** The bytes are not a readable YAML document. */
        UNPARSEABLE,
        /** A readable document with at least one ERROR problem. */
        INVALID,
        /** The same bytes were rejected before; not decoded or logged at ERROR again. */
        REPEATED
    }

    /** A re-check ended, whatever triggered it. */
    record ReloadCompleted(ReloadTrigger trigger, ReloadOutcome outcome, Rejection rejection, Duration duration,
                           Instant at) implements ToolsetEvent {
    }

    /** A valid changed configuration waits because sessions are active. */
    record ReloadDeferred(Checksum checksum, int activeSessions, Instant at) implements ToolsetEvent {
    }

    /** Why a snapshot became active when it did. */
    enum ApplyReason {
        /** No session was active. */
        IMMEDIATE,
        /** The last active session unregistered. */
        LAST_SESSION_COMPLETED,
        /** The last active sessions were expired as stale. */
        STALE_SESSIONS_EXPIRED,
        /** The pending configuration waited longer than the maximum deferral. */
        DEFERRAL_EXPIRED
    }

    /** {@code current} became active in place of {@code previous}; {@code changedToolsets} had their counters reset. */
    record ConfigApplied(ConfigSnapshot previous, ConfigSnapshot current, ApplyReason reason,
                         Set<ToolsetName> changedToolsets, int activeSessions, Instant at) implements ToolsetEvent {
    }

    /**
     * The document applied as {@code generation} has WARNING problems: it is active, and each warning
     * is something its author may not have meant (DESIGN §2). Published right after its
     * {@link ConfigApplied}, only when there is a warning.
     */
    record ConfigWarnings(long generation, Checksum checksum, java.util.List<ValidationProblem> warnings, Instant at)
            implements ToolsetEvent {
        /**
         * Copies the warnings.
         *
         * @param generation the generation applied
         * @param checksum its checksum
         * @param warnings its WARNING problems
         * @param at when it was applied
         */
        public ConfigWarnings {
            warnings = java.util.List.copyOf(warnings);
        }
    }

    /** An investigation session registered and pinned the active generation. */
    record SessionRegistered(Session session, int activeSessions, Instant at) implements ToolsetEvent {
    }

    /** An investigation session ended. */
    record SessionUnregistered(Session session, int activeSessions, Instant at) implements ToolsetEvent {
    }

    /** A session older than the TTL was removed by the sweeper. */
    record SessionExpired(Session session, Duration age, int activeSessions, Instant at) implements ToolsetEvent {
    }

    /** Dev mode started the service although the file was missing or invalid. */
    record DevModeStartup(ReloadOutcome outcome, Instant at) implements ToolsetEvent {
    }

    /** A {@link ToolsetConfigListener} threw {@code cause} while told about {@code generation}. */
    record ConfigListenerFailed(String listener, long generation, Throwable cause, Instant at) implements ToolsetEvent {
        /** What was thrown, on one line. */
        public String error() {
            return String.valueOf(cause);
        }
    }

    /**
     * A {@link ToolsetConfigListener} was not told about {@code generation} because the host's
     * listener executor refused the task (it is shutting down).
     */
    record ConfigListenerNotNotified(String listener, long generation, Instant at) implements ToolsetEvent {
    }

    /** The file went back to the active bytes, so the pending configuration {@code checksum} was dropped. */
    record PendingReloadDiscarded(Checksum checksum, Instant at) implements ToolsetEvent {
    }

    /** One startup connectivity probe finished (BR-HAPI-186/187). */
    record ProbeCompleted(ToolsetName toolset, ProbeResult result, Instant at) implements ToolsetEvent {
    }

    /**
     * All startup probes finished: {@code probed} toolsets, of which {@code unavailable} could not be
     * reached; {@code report} is the operator's report (empty when all were reachable).
     */
    record ConnectivityChecked(int probed, int unavailable, java.util.List<String> report, Duration duration,
                               Instant at) implements ToolsetEvent {
        public ConnectivityChecked {
            report = java.util.List.copyOf(report);
        }
    }
}
