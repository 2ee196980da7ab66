package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ToolsetName;

class FailureTrackingTest {

    private final CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM);

    @Test
    void failureIncrementsCountsAndStoresErrorDetails() {
        RecordFailureResult.Recorded first = assertInstanceOf(RecordFailureResult.Recorded.class,
                fixture.core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("kubernetes"),
                        "ConnectionError", "connection refused")));
        FailureRecord record = first.record();
        assertEquals(1, record.consecutiveFailures());
        assertEquals(1, record.totalFailures());
        assertEquals("ConnectionError", record.lastErrorType());
        assertEquals("connection refused", record.lastErrorMessage());
        assertEquals(Optional.of(fixture.clock.instant()), record.lastFailureAt());
        assertInstanceOf(ReloadAttempt.NotDue.class, first.reload());

        FailureRecord second = fixture.fail("kubernetes").record();
        assertEquals(2, second.consecutiveFailures());
        assertEquals("UnknownError", second.lastErrorType());
        assertEquals("No error message", second.lastErrorMessage());
    }

    @Test
    void thirdConsecutiveFailureCausesExactlyOneRecheck() {
        int readsAfterStartup = fixture.source.reads();

        fixture.fail("kubernetes");
        fixture.fail("kubernetes");
        assertEquals(readsAfterStartup, fixture.source.reads());
        RecordFailureResult.Recorded third = fixture.fail("kubernetes");

        assertEquals(readsAfterStartup + 1, fixture.source.reads());
        ReloadAttempt.Attempted attempt = assertInstanceOf(ReloadAttempt.Attempted.class, third.reload());
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, attempt.outcome());
        assertEquals(1, fixture.events.of(ToolsetEvent.FailureThresholdReached.class).size());
        assertEquals(1, fixture.events.of(ToolsetEvent.AutoReloadCompleted.class).size());
    }

    @Test
    void successResetsConsecutiveFailuresAndKeepsTheTotal() {
        fixture.fail("kubernetes");
        fixture.fail("kubernetes");

        FailureRecord afterSuccess = fixture.core.outcomes().recordSuccess(ToolsetName.of("kubernetes"));

        assertEquals(0, afterSuccess.consecutiveFailures());
        assertEquals(2, afterSuccess.totalFailures());
        assertEquals(0, fixture.consecutive("kubernetes"));
        assertEquals(2, fixture.events.of(ToolsetEvent.SuccessRecorded.class).get(0).previousConsecutiveFailures());
    }

    @Test
    void successOfAnUntrackedToolsetTracksNothing() {
        FailureRecord record = fixture.core.outcomes().recordSuccess(ToolsetName.of("never/failed"));

        assertEquals(0, record.totalFailures());
        assertTrue(fixture.core.queries().failures().isEmpty());
    }

    @Test
    void countersOfDifferentToolsetsAreIndependent() {
        fixture.fail("kubernetes");
        fixture.fail("prometheus");
        fixture.fail("kubernetes");
        fixture.fail("prometheus");
        fixture.fail("prometheus");

        assertEquals(2, fixture.consecutive("kubernetes"));
        assertEquals(3, fixture.consecutive("prometheus"));
        assertEquals(List.of("kubernetes", "prometheus"),
                fixture.core.queries().failures().stream().map(r -> r.toolset().value()).toList());
    }

    @Test
    void failuresOfToolsetsAbsentFromTheFileAreTracked() {
        assertEquals(1, fixture.fail("disabled/elsewhere").record().totalFailures());
        assertTrue(fixture.core.queries().toolset(ToolsetName.of("disabled/elsewhere")).toolset().isEmpty());
    }

    @Test
    void newNamesPastTheTrackingCapAreRefusedWhileTrackedOnesKeepCounting() {
        CoreFixture capped = CoreFixture.started(CoreFixture.KUBE_AND_PROM,
                new CoreSettings(new ReloadPolicy(3, Duration.ofSeconds(60)), Duration.ofSeconds(600),
                        Duration.ofSeconds(600), 2, 10_000, false));
        capped.fail("a");
        capped.fail("b");

        RecordFailureResult refused = capped.core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of("c")));

        RecordFailureResult.Refused refusal = assertInstanceOf(RecordFailureResult.Refused.class, refused);
        assertTrue(refusal.reason().contains("TOOLSET_MAX_TRACKED"), refusal.reason());
        assertEquals(2, capped.fail("a").record().totalFailures());
        assertEquals(2, capped.core.queries().status().trackedToolsets());
    }

    @Test
    void failureTimestampComesFromTheInjectedClock() {
        fixture.clock.advance(java.time.Duration.ofMinutes(5));
        Instant expected = fixture.clock.instant();
        assertEquals(Optional.of(expected), fixture.fail("kubernetes").record().lastFailureAt());
    }
}
