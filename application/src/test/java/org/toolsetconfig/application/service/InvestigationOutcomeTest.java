package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.InvestigationOutcome;
import org.toolsetconfig.application.port.in.InvestigationOutcomeCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ErrorClass;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ToolsetName;

/** BR-HAPI-189's cases, through the embedding API (DESIGN §9). */
class InvestigationOutcomeTest {

    private static final String CONFIG = "kubernetes/core\nprometheus/metrics url=http://prom.monitoring.svc:9090\n"
            + "grafana/loki\n";
    private static final String RBAC_AND_PROMETHEUS = "pods is forbidden: User \"system:serviceaccount:holmes\" cannot"
            + " list resource \"pods\"; query failed: Get \"http://prom.monitoring.svc:9090/api/v1/query\": dial tcp:"
            + " connection refused";

    private final CoreFixture fixture = CoreFixture.started(CONFIG);

    private InvestigationOutcome record(InvestigationOutcomeCommand command) {
        return fixture.core.investigations().record(command);
    }

    private static InvestigationOutcomeCommand.Failed failed(String error, String... used) {
        return new InvestigationOutcomeCommand.Failed(error, Optional.empty(), names(used), Optional.empty());
    }

    private static List<ToolsetName> names(String... names) {
        return java.util.Arrays.stream(names).map(ToolsetName::of).toList();
    }

    private static List<String> charged(InvestigationOutcome outcome) {
        return outcome.charged().stream().map(recorded -> recorded.record().toolset().value()).toList();
    }

    @Test
    void successResetsEveryUsedToolset() {
        fixture.fail("kubernetes/core");
        fixture.fail("prometheus/metrics");
        fixture.fail("prometheus/metrics");

        InvestigationOutcome outcome = record(new InvestigationOutcomeCommand.Succeeded(
                names("kubernetes/core", "prometheus/metrics")));

        assertEquals(List.of("kubernetes/core", "prometheus/metrics"),
                outcome.reset().stream().map(record -> record.toolset().value()).toList());
        assertTrue(outcome.reset().stream().allMatch(record -> record.consecutiveFailures() == 0));
        assertEquals(0, fixture.consecutive("prometheus/metrics"));
        assertEquals(2, fixture.core.queries().toolset(ToolsetName.of("prometheus/metrics")).failures().orElseThrow()
                .totalFailures());
        assertFalse(outcome.unmatched());
        assertTrue(outcome.charged().isEmpty());
    }

    @Test
    void anRbacErrorAndAPrometheusConnectionErrorChargeBoth() {
        InvestigationOutcome outcome = record(failed(RBAC_AND_PROMETHEUS));

        assertEquals(List.of("kubernetes/core", "prometheus/metrics"), charged(outcome));
        assertEquals(1, fixture.consecutive("kubernetes/core"));
        assertEquals(1, fixture.consecutive("prometheus/metrics"));
        assertFalse(outcome.unmatched());
        FailureRecord kube = outcome.charged().get(0).record();
        assertEquals(RBAC_AND_PROMETHEUS, kube.lastErrorMessage());
        assertEquals(ErrorClass.AUTH, kube.lastErrorClass());
    }

    @Test
    void anErrorThatNamesNoToolsetChargesNoneAndIsReportedUnmatched() {
        InvestigationOutcome outcome = record(failed("the LLM context window was exceeded"));

        assertTrue(outcome.unmatched());
        assertTrue(outcome.charged().isEmpty());
        assertTrue(fixture.core.queries().failures().isEmpty());
        ToolsetEvent.InvestigationOutcomeRecorded event = fixture.events
                .of(ToolsetEvent.InvestigationOutcomeRecorded.class).get(0);
        assertTrue(event.unmatched());
        assertEquals("the LLM context window was exceeded", event.errorMessage());
    }

    @Test
    void lastToolsetIsChargedWhenNothingMatches() {
        InvestigationOutcome outcome = record(new InvestigationOutcomeCommand.Failed("tool call returned garbage",
                Optional.of("ToolError"), List.of(), Optional.of(ToolsetName.of("grafana/loki"))));

        assertEquals(List.of("grafana/loki"), charged(outcome));
        assertEquals("ToolError", outcome.charged().get(0).record().lastErrorType());
        assertFalse(outcome.unmatched());
    }

    @Test
    void lastToolsetIsNotChargedWhenPatternsMatch() {
        InvestigationOutcome outcome = record(new InvestigationOutcomeCommand.Failed("promql parse error",
                Optional.empty(), List.of(), Optional.of(ToolsetName.of("grafana/loki"))));

        assertEquals(List.of("prometheus/metrics"), charged(outcome));
    }

    @Test
    void aCustomPatternReplacesTheFamilyDefault() {
        CoreFixture custom = CoreFixture.started("kubernetes/core pattern=^k8s-api\\b\nprometheus/metrics\n");

        InvestigationOutcome forbidden = custom.core.investigations().record(failed("pods is forbidden"));
        InvestigationOutcome own = custom.core.investigations().record(failed("K8S-API unreachable"));
        InvestigationOutcome byName = custom.core.investigations().record(failed("kubernetes/core: tool failed"));

        assertTrue(forbidden.unmatched(), "the default 'forbidden' no longer applies");
        assertEquals(List.of("kubernetes/core"), charged(own), "matched case-insensitively");
        assertEquals(List.of("kubernetes/core"), charged(byName), "the full name always matches");
    }

    @Test
    void theHostOfAToolsetUrlMatches() {
        InvestigationOutcome outcome = record(failed("dial tcp prom.monitoring.svc: i/o timeout"));

        assertEquals(List.of("prometheus/metrics"), charged(outcome));
        assertEquals(ErrorClass.TIMEOUT, outcome.charged().get(0).record().lastErrorClass());
    }

    @Test
    void aUsedToolsetTheConfigDoesNotDefineIsMatchedByItsName() {
        InvestigationOutcome outcome = record(failed("datadog/logs: 503 Service Unavailable", "datadog/logs"));

        assertEquals(List.of("datadog/logs"), charged(outcome));
        assertEquals(ErrorClass.SERVER_ERROR, outcome.charged().get(0).record().lastErrorClass());
    }

    @Test
    void aChangedPatternResetsThatToolsetsCounterOnApply() {
        CoreFixture changing = CoreFixture.started("kubernetes/core pattern=k8s\nprometheus/metrics\n");
        changing.core.investigations().record(failed("k8s api down; prometheus down"));
        changing.core.investigations().record(failed("k8s api down; prometheus down"));

        changing.source.write("kubernetes/core pattern=kube-apiserver\nprometheus/metrics\n");
        changing.core.reloads().reload(org.toolsetconfig.domain.ReloadTrigger.MANUAL);

        assertEquals(0, changing.consecutive("kubernetes/core"), "its definition changed");
        assertEquals(2, changing.consecutive("prometheus/metrics"), "its definition did not");
    }

    @Test
    void theThresholdFailureRechecksExactlyAsASingleReportWould() {
        record(failed(RBAC_AND_PROMETHEUS));
        record(failed(RBAC_AND_PROMETHEUS));
        InvestigationOutcome third = record(failed(RBAC_AND_PROMETHEUS));

        for (RecordFailureResult.Recorded recorded : third.charged()) {
            ReloadAttempt.Attempted attempted = assertInstanceOf(ReloadAttempt.Attempted.class, recorded.reload());
            assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, attempted.outcome());
        }
        assertEquals(2, fixture.events.of(ToolsetEvent.FailureThresholdReached.class).size());
    }

    @Test
    void anInvalidPatternIsAnErrorAtItsPathAndNeverApplied() {
        fixture.source.write("kubernetes/core pattern=(a)\\1\nprometheus/metrics pattern=ok pattern=(?<=x)y\n");

        ReloadOutcome outcome = fixture.core.reloads().reload(org.toolsetconfig.domain.ReloadTrigger.MANUAL);

        ReloadOutcome.ValidationFailed failed = assertInstanceOf(ReloadOutcome.ValidationFailed.class, outcome);
        assertEquals(List.of("discovered[0].failurePatterns[0]", "discovered[1].failurePatterns[1]"),
                failed.problems().stream().map(problem -> problem.path()).toList());
        assertTrue(failed.problems().get(0).message().contains("not a valid regular expression"),
                failed.problems().get(0).message());
        assertEquals(List.of("grafana/loki", "kubernetes/core", "prometheus/metrics"), fixture.activeNames());
    }

    @Test
    void healthMovesAreAnnouncedWithTheErrorClass() {
        for (int i = 0; i < 3; i++) {
            record(failed("kubernetes: 403 Forbidden"));
        }
        record(new InvestigationOutcomeCommand.Succeeded(names("kubernetes/core")));

        List<String> moves = fixture.events.of(ToolsetEvent.ToolsetHealthChanged.class).stream()
                .map(e -> e.toolset() + " " + e.from().wireName() + "->" + e.to().wireName() + " "
                        + e.consecutiveFailures() + " " + e.errorClass().wireName())
                .toList();
        assertEquals(List.of("kubernetes/core healthy->degraded 1 auth", "kubernetes/core degraded->failing 3 auth",
                "kubernetes/core failing->healthy 0 auth"), moves);
    }

    @Test
    void disablingAToolsetIsAHealthMove() {
        fixture.source.write("kubernetes/core\nprometheus/metrics url=http://prom.monitoring.svc:9090\n"
                + "grafana/loki disabled\n");
        fixture.core.reloads().reload(org.toolsetconfig.domain.ReloadTrigger.MANUAL);

        ToolsetEvent.ToolsetHealthChanged move = fixture.events.of(ToolsetEvent.ToolsetHealthChanged.class).get(0);
        assertEquals("grafana/loki healthy disabled", move.toolset() + " " + move.from().wireName() + " "
                + move.to().wireName());
    }

    @Test
    void aFailedOutcomeNeedsItsErrorText() {
        assertThrows(IllegalArgumentException.class, () -> failed("  "));
    }
}
