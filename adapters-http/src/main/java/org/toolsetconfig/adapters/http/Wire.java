package org.toolsetconfig.adapters.http;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.toolsetconfig.application.port.in.HistoryEntry;
import org.toolsetconfig.application.port.in.InvestigationOutcome;
import org.toolsetconfig.application.port.in.LastReload;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.in.ServiceStatus;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.Redaction;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetDiff;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * The JSON shapes of DESIGN.md §5, as records Jackson writes field by field in declaration order.
 * Domain types are mapped here and never serialized directly: instants become ISO-8601 UTC
 * strings, optionals become {@code null}, and nothing is ever left out.
 */
final class Wire {

    private Wire() {
    }

    /**
     * A toolset as it leaves the process: its settings and endpoint pass through {@link Redaction} (§11);
     * {@code health} is derived when the answer is made (DESIGN §2), never stored with the toolset.
     */
    record ToolsetJson(String name, boolean enabled, int priority, String endpoint, String type,
                       List<String> failurePatterns, Map<String, Object> settings, String health) {
        static ToolsetJson of(Toolset toolset, ToolsetHealth health) {
            return new ToolsetJson(toolset.name().value(), toolset.enabled(), toolset.priority(),
                    toolset.endpoint().map(uri -> Redaction.url(uri.toString())).orElse(null),
                    toolset.type().wireName(), toolset.failurePatterns(), Redaction.settings(toolset.settings()),
                    health.wireName());
        }

        static List<ToolsetJson> all(List<Toolset> toolsets, Function<Toolset, ToolsetHealth> health) {
            return toolsets.stream().map(toolset -> of(toolset, health.apply(toolset))).toList();
        }
    }

    record FailureJson(String toolset, int consecutiveFailures, long totalFailures, String lastFailureAt,
                       String lastErrorType, String lastErrorMessage, String lastErrorClass) {
        static FailureJson of(FailureRecord record) {
            return new FailureJson(record.toolset().value(), record.consecutiveFailures(), record.totalFailures(),
                    instant(record.lastFailureAt()), record.lastErrorType(), record.lastErrorMessage(),
                    record.lastErrorClass().wireName());
        }
    }

    /** A validation problem; {@code line} and {@code column} are null when the decoder could not place it. */
    record ProblemItem(String path, String message, String severity, Integer line, Integer column) {
        static ProblemItem of(ValidationProblem problem) {
            SourcePosition at = problem.position();
            return new ProblemItem(problem.path(), problem.message(), problem.severity().name(),
                    at.isKnown() ? at.line() : null, at.isKnown() ? at.column() : null);
        }

        static ProblemItem error(String path, String message) {
            return new ProblemItem(path, message, "ERROR", null, null);
        }

        static List<ProblemItem> all(List<ValidationProblem> problems) {
            return problems.stream().map(ProblemItem::of).toList();
        }

        /** What a re-check found wrong: the document's problems, or why the file could not be read. */
        static List<ProblemItem> of(ReloadOutcome outcome) {
            if (outcome instanceof ReloadOutcome.ValidationFailed failed) {
                return all(failed.problems());
            }
            if (outcome instanceof ReloadOutcome.Error error) {
                return List.of(error("", error.kind().name().toLowerCase(Locale.ROOT) + ": "
                        + error.message()));
            }
            return List.of();
        }
    }

    record PendingJson(String checksum, String since) {
        static PendingJson of(Optional<PendingReload> pending) {
            return pending.map(p -> new PendingJson(hexOrNull(p.checksum()), instant(p.since()))).orElse(null);
        }
    }

    record SnapshotJson(long generation, String checksum, String loadedAt, List<ToolsetJson> toolsets,
                        PendingJson pending) {
        /** {@code toolsets}: the snapshot's enabled ones, or all it defines. */
        static SnapshotJson of(ConfigSnapshot snapshot, List<Toolset> toolsets, Optional<PendingReload> pending,
                               Function<Toolset, ToolsetHealth> health) {
            return new SnapshotJson(snapshot.generation(), hexOrNull(snapshot.checksum()), instant(snapshot.loadedAt()),
                    ToolsetJson.all(toolsets, health), PendingJson.of(pending));
        }
    }

    record ToolsetViewJson(ToolsetJson toolset, FailureJson failures) {
    }

    record ReloadJson(boolean attempted, boolean blockedByCooldown, String result, String applied) {
        static ReloadJson of(ReloadAttempt attempt) {
            if (attempt instanceof ReloadAttempt.Attempted attempted) {
                ReloadOutcome outcome = attempted.outcome();
                return new ReloadJson(true, false, outcome.wireName(), appliedWireName(outcome));
            }
            if (attempt instanceof ReloadAttempt.BlockedByCooldown) {
                return new ReloadJson(false, true, null, null);
            }
            return new ReloadJson(false, false, null, null);
        }
    }

    /**
     * The answer to a recorded failure. {@code known} says whether the active config defines the
     * toolset (enabled or not); when it does not, {@code hint} says so, since a misspelt name is
     * counted as faithfully as a real one (B3).
     */
    record FailureRecordedJson(String toolset, int consecutiveFailures, long totalFailures, String lastFailureAt,
                               String lastErrorType, String lastErrorMessage, String lastErrorClass,
                               ReloadJson reload, boolean known, String hint) {
        static FailureRecordedJson of(FailureRecord record, ReloadAttempt attempt, boolean known) {
            FailureJson f = FailureJson.of(record);
            return new FailureRecordedJson(f.toolset(), f.consecutiveFailures(), f.totalFailures(), f.lastFailureAt(),
                    f.lastErrorType(), f.lastErrorMessage(), f.lastErrorClass(), ReloadJson.of(attempt), known,
                    known ? null : "'" + f.toolset() + "' is not a toolset of the active config: the failure is"
                            + " counted, but check the name, or add the toolset to the config");
        }
    }

    /**
     * DESIGN §9: each charged toolset as {@code POST …/failures} answers for it ({@code known} says
     * whether the active config defines it), each reset one's record.
     */
    record InvestigationOutcomeJson(List<FailureRecordedJson> charged, List<FailureJson> reset, boolean unmatched) {
        static InvestigationOutcomeJson of(InvestigationOutcome outcome, Predicate<ToolsetName> known) {
            return new InvestigationOutcomeJson(outcome.charged().stream()
                    .map(c -> FailureRecordedJson.of(c.record(), c.reload(), known.test(c.record().toolset())))
                    .toList(), outcome.reset().stream().map(FailureJson::of).toList(), outcome.unmatched());
        }
    }

    record SuccessRecordedJson(String toolset, int consecutiveFailures, long totalFailures) {
        static SuccessRecordedJson of(FailureRecord record) {
            return new SuccessRecordedJson(record.toolset().value(), record.consecutiveFailures(),
                    record.totalFailures());
        }
    }

    record FailuresJson(List<FailureJson> failures) {
    }

    record ManualReloadJson(String result, String applied, long generation, List<ProblemItem> problems) {
    }

    record ValidationJson(boolean valid, List<ProblemItem> problems, List<ToolsetJson> toolsets) {
    }

    record SessionJson(String id, String startedAt, long generation) {
        static SessionJson of(Session session) {
            return new SessionJson(session.id().value(), instant(session.startedAt()), session.generation());
        }
    }

    record SessionsJson(List<SessionJson> sessions) {
    }

    record SessionViewJson(String id, String startedAt, long generation, List<ToolsetJson> toolsets) {
    }

    record LastReloadJson(String trigger, String result, String at, List<ProblemItem> problems) {
        static LastReloadJson of(Optional<LastReload> last) {
            return last.map(l -> new LastReloadJson(l.trigger().wireName(), l.outcome().wireName(), instant(l.at()),
                    ProblemItem.of(l.outcome()))).orElse(null);
        }
    }

    record FileSourceJson(String kind, String path) {
    }

    record KubernetesSourceJson(String kind, String namespace, String name, String key) {
    }

    static Object source(StatusSource source) {
        if (source instanceof StatusSource.Kubernetes configMap) {
            return new KubernetesSourceJson("kubernetes", configMap.namespace(), configMap.name(), configMap.key());
        }
        return new FileSourceJson("file", ((StatusSource.File) source).path());
    }

    /** The last version refused: {@code at} is when those bytes were first refused. */
    record RejectedJson(String checksum, String at, List<ProblemItem> problems) {
        static RejectedJson of(Optional<HistoryEntry.Rejected> rejected) {
            return rejected.map(r -> new RejectedJson(hexOrNull(r.checksum()), instant(r.at()),
                    ProblemItem.all(r.problems()))).orElse(null);
        }
    }

    /**
     * {@code observed} against {@code checksum} and {@code lastRejected} tells an operator whether the
     * source holds a newer version that was refused (and why) or nothing new.
     */
    record StatusJson(boolean devMode, String configPath, Object source, long generation, String checksum,
                      String observed, PendingJson pending, LastReloadJson lastReload, RejectedJson lastRejected,
                      List<ProblemItem> warnings, String devModeWarning, int activeSessions, int trackedToolsets,
                      Map<String, Object> settings) {
        static StatusJson of(ServiceStatus status, StatusSettings reported, String devModeWarning) {
            boolean devMode = status.settings().devMode();
            return new StatusJson(devMode, reported.configPath(), Wire.source(reported.source()),
                    status.active().generation(), hexOrNull(status.active().checksum()), hexOrNull(status.observed()),
                    PendingJson.of(status.pending()), LastReloadJson.of(status.lastReload()),
                    RejectedJson.of(status.lastRejected()), ProblemItem.all(status.warnings()),
                    devMode ? devModeWarning : null, status.activeSessions(), status.trackedToolsets(),
                    reported.settings());
        }
    }

    /**
     * One history entry; {@code generation} is null for a refused version, whose {@code problems}
     * say why. {@code changed} names the toolsets whose fields changed, {@code added} and
     * {@code removed} the others that differ.
     */
    record HistoryEntryJson(Long generation, String checksum, String at, String trigger, String result,
                            List<String> added, List<String> removed, List<String> changed,
                            List<ProblemItem> problems) {
        static HistoryEntryJson of(HistoryEntry entry) {
            if (entry instanceof HistoryEntry.Applied applied) {
                ToolsetDiff changes = applied.changes();
                return new HistoryEntryJson(applied.snapshot().generation(), hexOrNull(applied.checksum()),
                        instant(applied.at()), applied.trigger(), "config_changed", names(changes.added()),
                        names(changes.removed()), changedNames(changes), List.of());
            }
            HistoryEntry.Rejected rejected = (HistoryEntry.Rejected) entry;
            return new HistoryEntryJson(null, hexOrNull(rejected.checksum()), instant(rejected.at()),
                    rejected.trigger(), "validation_failed", List.of(), List.of(), List.of(),
                    ProblemItem.all(rejected.problems()));
        }
    }

    record HistoryJson(List<HistoryEntryJson> entries) {
    }

    record AppliedJson(long generation, String checksum, String appliedAt, List<ToolsetJson> toolsets) {
    }

    record ChangeJson(String name, List<String> fields) {
    }

    record DiffJson(long from, long to, List<String> added, List<String> removed, List<ChangeJson> changed) {
        static DiffJson of(long from, long to, ToolsetDiff diff) {
            return new DiffJson(from, to, names(diff.added()), names(diff.removed()), diff.changed().stream()
                    .map(change -> new ChangeJson(change.name().value(), change.fields())).toList());
        }
    }

    static List<String> names(List<ToolsetName> names) {
        return names.stream().map(ToolsetName::value).toList();
    }

    /** The toolsets on both sides whose fields differ, by name. */
    static List<String> changedNames(ToolsetDiff diff) {
        return diff.changed().stream().map(change -> change.name().value()).toList();
    }

    /** {@code warning} is null outside dev mode. */
    record HealthJson(String status, boolean devMode, String warning) {
    }

    record ReadinessJson(boolean ready, String reason) {
    }

    static String appliedWireName(ReloadOutcome outcome) {
        return outcome instanceof ReloadOutcome.ConfigChanged changed ? changed.applied().wireName() : null;
    }

    static String instant(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }

    static String instant(Optional<Instant> at) {
        return at.map(Wire::instant).orElse(null);
    }

    /** {@code null} for {@link Checksum#NONE}: nothing loaded has no checksum. */
    static String hexOrNull(Checksum checksum) {
        return checksum.isPresent() ? checksum.hex() : null;
    }
}
