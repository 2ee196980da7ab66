package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.ToolsetName;

class RecheckTest {

    private final CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM_DISABLED);

    private ReloadOutcome failThrice(String toolset) {
        fixture.fail(toolset);
        fixture.fail(toolset);
        return assertInstanceOf(ReloadAttempt.Attempted.class, fixture.fail(toolset).reload()).outcome();
    }

    @Test
    void unchangedConfigKeepsTheFailureCounter() {
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, failThrice("prometheus"));
        assertEquals(3, fixture.consecutive("prometheus"));
    }

    @Test
    void changedConfigResetsTheTriggeringToolsetsCounter() {
        fixture.source.write("kubernetes\nprometheus disabled\ngrafana\n");
        fixture.fail("kubernetes");
        fixture.fail("kubernetes");
        ReloadOutcome outcome = assertInstanceOf(ReloadAttempt.Attempted.class, fixture.fail("kubernetes").reload())
                .outcome();

        assertInstanceOf(ReloadOutcome.ConfigChanged.class, outcome);
        assertEquals(0, fixture.consecutive("kubernetes"));
        assertEquals(3, fixture.core.queries().toolset(ToolsetName.of("kubernetes")).failures().orElseThrow()
                .totalFailures());
    }

    @Test
    void validationFailureKeepsTheCounter() {
        fixture.source.write("! broken yaml\n");
        assertInstanceOf(ReloadOutcome.ValidationFailed.class, failThrice("prometheus"));
        assertEquals(3, fixture.consecutive("prometheus"));
    }

    @Test
    void readErrorKeepsTheCounter() {
        fixture.source.makeUnavailable(ReloadOutcome.ErrorKind.NOT_FOUND);
        ReloadOutcome.Error error = assertInstanceOf(ReloadOutcome.Error.class, failThrice("prometheus"));
        assertEquals(ReloadOutcome.ErrorKind.NOT_FOUND, error.kind());
        assertEquals(3, fixture.consecutive("prometheus"));
        fixture.assertActive("kubernetes");
    }

    @Test
    void cooldownBlocksFurtherRechecksUntilItPasses() {
        int reads = fixture.source.reads();
        failThrice("prometheus");
        assertEquals(reads + 1, fixture.source.reads());

        for (int i = 0; i < 3; i++) {
            assertInstanceOf(ReloadAttempt.BlockedByCooldown.class, fixture.fail("prometheus").reload());
        }
        assertEquals(reads + 1, fixture.source.reads());
        assertEquals(3, fixture.events.of(ToolsetEvent.ReloadCooldownActive.class).size());

        fixture.advance(Duration.ofSeconds(60));
        assertInstanceOf(ReloadAttempt.Attempted.class, fixture.fail("prometheus").reload());
        assertInstanceOf(ReloadAttempt.BlockedByCooldown.class, fixture.fail("prometheus").reload());
        assertInstanceOf(ReloadAttempt.BlockedByCooldown.class, fixture.fail("prometheus").reload());

        assertEquals(reads + 2, fixture.source.reads());
        assertEquals(2, fixture.events.of(ToolsetEvent.AutoReloadCompleted.class).size());
        assertEquals(5, fixture.events.of(ToolsetEvent.ReloadCooldownActive.class).size());
    }

    @Test
    void recheckDetectsChangedContent() {
        fixture.source.write("kubernetes\nprometheus disabled\ngrafana\naws\n");

        ReloadOutcome outcome = fixture.core.reloads().reload(ReloadTrigger.MANUAL);

        ReloadOutcome.ConfigChanged changed = assertInstanceOf(ReloadOutcome.ConfigChanged.class, outcome);
        assertEquals(ReloadOutcome.Applied.NOW, changed.applied());
        fixture.assertActive("aws", "grafana", "kubernetes");
        assertEquals(2, fixture.core.queries().activeSnapshot().generation());
    }

    @Test
    void sameBytesWithANewMtimeAreUnchangedAndNewBytesWithTheSameMtimeAreChanged() {
        fixture.source.write(CoreFixture.KUBE_AND_PROM_DISABLED, Instant.parse("2030-01-01T00:00:00Z"));
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, fixture.core.reloads().reload(ReloadTrigger.POLL));

        fixture.source.write(CoreFixture.KUBE_AND_PROM);
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, fixture.core.reloads().reload(ReloadTrigger.POLL));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"),
                fixture.core.queries().activeSnapshot().revision().modifiedAt());
    }

    @Test
    void syntaxErrorIsAValidationFailureAndTheSameBytesAreNotDecodedTwice() {
        ConfigSnapshot before = fixture.core.queries().activeSnapshot();
        fixture.source.write("kubernetes\n! not yaml\n");
        int decodes = fixture.decoder.decodes();

        assertInstanceOf(ReloadOutcome.ValidationFailed.class, fixture.core.reloads().reload(ReloadTrigger.WATCH));
        ReloadOutcome again = fixture.core.reloads().reload(ReloadTrigger.POLL);

        assertInstanceOf(ReloadOutcome.ValidationFailed.class, again);
        assertEquals(decodes + 1, fixture.decoder.decodes());
        assertSame(before, fixture.core.queries().activeSnapshot());
        var completed = fixture.events.of(ToolsetEvent.ReloadCompleted.class);
        assertEquals(ToolsetEvent.Rejection.UNPARSEABLE, completed.get(completed.size() - 2).rejection());
        assertEquals(ToolsetEvent.Rejection.REPEATED, completed.get(completed.size() - 1).rejection());
    }

    @Test
    void documentWithNoEnabledToolsetIsRejectedAndTheActiveSnapshotStays() {
        ConfigSnapshot before = fixture.core.queries().activeSnapshot();
        fixture.source.write("kubernetes disabled\nprometheus disabled\n");

        ReloadOutcome.ValidationFailed failed = assertInstanceOf(ReloadOutcome.ValidationFailed.class,
                fixture.core.reloads().reload(ReloadTrigger.MANUAL));

        assertTrue(failed.problems().stream().anyMatch(p -> p.message().contains("no toolset is enabled")));
        assertSame(before, fixture.core.queries().activeSnapshot());
    }

    @Test
    void rejectionIsForgottenWhenTheBytesChangeAndComeBack() {
        fixture.source.write("! bad\n");
        fixture.core.reloads().reload(ReloadTrigger.MANUAL);
        fixture.source.write(CoreFixture.KUBE_AND_PROM);
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, fixture.core.reloads().reload(ReloadTrigger.MANUAL));
        int decodes = fixture.decoder.decodes();
        fixture.source.write("! bad\n");

        assertInstanceOf(ReloadOutcome.ValidationFailed.class, fixture.core.reloads().reload(ReloadTrigger.MANUAL));
        assertEquals(decodes + 1, fixture.decoder.decodes());
    }

    @Test
    void endToEndRecoveryAfterTheConfigMapIsFixed() {
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, failThrice("prometheus"));
        fixture.assertActive("kubernetes");

        fixture.source.write(CoreFixture.KUBE_AND_PROM);
        fixture.advance(Duration.ofSeconds(61));
        ReloadOutcome outcome = assertInstanceOf(ReloadAttempt.Attempted.class, fixture.fail("prometheus").reload())
                .outcome();

        assertInstanceOf(ReloadOutcome.ConfigChanged.class, outcome);
        fixture.assertActive("kubernetes", "prometheus");
        assertEquals(0, fixture.consecutive("prometheus"));
        fixture.core.outcomes().recordSuccess(ToolsetName.of("prometheus"));
        assertEquals(0, fixture.consecutive("prometheus"));
        assertEquals(4, fixture.core.queries().toolset(ToolsetName.of("prometheus")).failures().orElseThrow()
                .totalFailures());
    }

    @Test
    void anyAppliedChangeResetsTheCountersOfTheToolsetsItChanged() {
        fixture.fail("kubernetes");
        fixture.fail("prometheus");
        fixture.source.write("kubernetes priority=5\nprometheus disabled\n");

        fixture.core.reloads().reload(ReloadTrigger.WATCH);

        assertEquals(0, fixture.consecutive("kubernetes"));
        assertEquals(1, fixture.consecutive("prometheus"));
    }

    @Test
    void fileRevertedToTheActiveBytesDropsThePendingConfig() {
        fixture.core.sessions().register(org.toolsetconfig.domain.SessionId.of("s1"));
        fixture.source.write(CoreFixture.KUBE_AND_PROM);
        fixture.core.reloads().reload(ReloadTrigger.WATCH);
        assertTrue(fixture.core.queries().pendingReload().isPresent());

        fixture.source.write(CoreFixture.KUBE_AND_PROM_DISABLED);
        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, fixture.core.reloads().reload(ReloadTrigger.WATCH));

        assertTrue(fixture.core.queries().pendingReload().isEmpty());
        fixture.core.sessions().unregister(org.toolsetconfig.domain.SessionId.of("s1"));
        fixture.assertActive("kubernetes");
    }

    @Test
    void aBrokenPortBecomesAnErrorOutcomeAndTheReloaderKeepsWorking() {
        CoreFixture broken = CoreFixture.started(CoreFixture.KUBE_AND_PROM);
        ToolsetConfigCore core = ToolsetConfigCore.builder().configSource(broken.source)
                .configDecoder(bytes -> {
                    throw new IllegalStateException("decoder bug");
                }).clock(broken.clock).structuredLogging(false).build();

        ReloadOutcome.Error error = assertInstanceOf(ReloadOutcome.Error.class, core.reloads().startup());

        assertEquals(ReloadOutcome.ErrorKind.INTERNAL, error.kind());
        assertTrue(error.message().contains("decoder bug"));
        assertEquals(ReloadTrigger.STARTUP, core.queries().status().lastReload().orElseThrow().trigger());
    }
}
