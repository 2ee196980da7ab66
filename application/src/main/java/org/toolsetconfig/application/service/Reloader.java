package org.toolsetconfig.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.LastReload;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * The single, serialized path of every re-check (B5): read, hash, compare with the active and
 * pending checksums, skip bytes already rejected, decode, validate, then apply or defer. Calls
 * queue on this object's monitor, so two re-checks never run at once.
 */
final class Reloader {

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private record Check(ReloadOutcome outcome, ToolsetEvent.Rejection rejection) {
    }

    private final ConfigSource source;
    private final ConfigDecoder decoder;
    private final ConfigurationState state;
    private final EventPublisher events;
    private final Clock clock;

    private Checksum lastRejected = Checksum.NONE;
    private List<ValidationProblem> lastRejectedProblems = List.of();
    private volatile LastReload lastReload;
    private volatile Instant lastSuccessAt;

    Reloader(ConfigSource source, ConfigDecoder decoder, ConfigurationState state, EventPublisher events,
             Clock clock) {
        this.source = source;
        this.decoder = decoder;
        this.state = state;
        this.events = events;
        this.clock = clock;
    }

    synchronized ReloadOutcome reload(ReloadTrigger trigger) {
        Instant start = clock.instant();
        Check check = check();
        Instant end = clock.instant();
        lastReload = new LastReload(trigger, check.outcome(), end);
        if (check.outcome().fileIsGood()) {
            lastSuccessAt = end;
        }
        events.publish(new ToolsetEvent.ReloadCompleted(trigger, check.outcome(), check.rejection(),
                Duration.between(start, end), end));
        return check.outcome();
    }

    Optional<LastReload> lastReload() {
        return Optional.ofNullable(lastReload);
    }

    Optional<Instant> lastSuccessAt() {
        return Optional.ofNullable(lastSuccessAt);
    }

    private Check check() {
        try {
            SourceRead read = source.read();
            if (read instanceof SourceRead.Unavailable unavailable) {
                return new Check(new ReloadOutcome.Error(unavailable.kind(), unavailable.message()), ToolsetEvent.Rejection.NONE);
            }
            SourceRead.Content content = (SourceRead.Content) read;
            Checksum checksum = Checksum.sha256(content.bytes());
            if (state.match(checksum) != ConfigurationState.Match.NEW) {
                return new Check(new ReloadOutcome.ConfigUnchanged(checksum), ToolsetEvent.Rejection.NONE);
            }
            if (checksum.equals(lastRejected)) {
                return new Check(new ReloadOutcome.ValidationFailed(checksum, lastRejectedProblems),
                        ToolsetEvent.Rejection.REPEATED);
            }
            DecodeResult decoded = decoder.decode(content.bytes());
            List<ValidationProblem> problems = decoded.problems();
            if (decoded instanceof DecodeResult.Decoded document && !document.document().hasErrors()) {
                lastRejected = Checksum.NONE;
                lastRejectedProblems = List.of();
                return new Check(state.offer(new ConfigurationState.Candidate(document.document().definedToolsets(),
                        checksum, content.revision(), problems)), ToolsetEvent.Rejection.NONE);
            }
            lastRejected = checksum;
            lastRejectedProblems = problems;
            return new Check(new ReloadOutcome.ValidationFailed(checksum, problems),
                    decoded instanceof DecodeResult.Malformed
                            ? ToolsetEvent.Rejection.UNPARSEABLE : ToolsetEvent.Rejection.INVALID);
        } catch (Throwable e) {
            // Whatever a port throws, an Error included (a decoder out of memory or stack on a
            // hostile file), becomes an outcome: logged, counted and shown like any other, the
            // active config stays, and the trigger that called (a periodic poll among them) lives on.
            LOG.error("reload_failed_unexpectedly", e);
            return new Check(new ReloadOutcome.Error(ReloadOutcome.ErrorKind.INTERNAL,
                    "the re-check failed unexpectedly: " + e), ToolsetEvent.Rejection.NONE);
        }
    }
}
