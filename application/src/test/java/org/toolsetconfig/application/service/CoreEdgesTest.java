package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ConnectivityReport;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.ProbeSettings;
import org.toolsetconfig.application.port.in.ValidationReport;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.application.testing.TestCores;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/**
 * What the core's smaller answers say at their edges: dry-run validation, unknown toolsets, the
 * last good reload, session events, the defaults of the builder and the settings' bounds. Written
 * against the survivors of a mutation run (issue #21).
 */
class CoreEdgesTest {

    @Test
    void aDryRunReportsTheToolsetsOfAValidDocumentAndTheProblemsOfAnUnreadableOne() {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM_DISABLED);

        ValidationReport valid = fixture.core.validation()
                .validate("kubernetes\nprometheus\n".getBytes(StandardCharsets.UTF_8));
        ValidationReport malformed = fixture.core.validation().validate("! syntax\n".getBytes(StandardCharsets.UTF_8));

        assertTrue(valid.valid());
        assertEquals(List.of("kubernetes", "prometheus"),
                valid.toolsets().stream().map(t -> t.name().value()).sorted().toList());
        assertFalse(malformed.valid());
        assertFalse(malformed.problems().isEmpty());
        assertEquals(List.of(), malformed.toolsets());
        assertEquals(List.of("kubernetes"), fixture.activeNames(), "a dry run applies nothing");
    }

    @Test
    void aNameTheServiceNeverSawIsUnknownButAFailingUndefinedOneIsNot() {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM_DISABLED);
        fixture.fail("made/up");

        assertTrue(fixture.core.queries().toolset(ToolsetName.of("never/seen")).isUnknown());
        assertFalse(fixture.core.queries().toolset(ToolsetName.of("kubernetes")).isUnknown());
        assertFalse(fixture.core.queries().toolset(ToolsetName.of("made/up")).isUnknown());
    }

    @Test
    void theLastSuccessfulReloadStaysWhenALaterOneFails() {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM_DISABLED);
        Instant startup = fixture.clock.instant();
        fixture.advance(Duration.ofMinutes(5));
        fixture.source.write("kubernetes disabled\n");
        fixture.core.reloads().reload(ReloadTrigger.MANUAL);

        assertEquals(startup, fixture.core.queries().status().lastSuccessfulReloadAt().orElseThrow());
    }

    @Test
    void sessionsArePublishedAndCountedAsTheyComeAndGo() {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM_DISABLED);
        fixture.core.sessions().register(SessionId.of("s1"));
        fixture.core.sessions().register(SessionId.of("s2"));
        assertEquals(2, fixture.core.queries().status().activeSessions());
        fixture.core.sessions().unregister(SessionId.of("s1"));

        assertEquals(1, fixture.core.queries().status().activeSessions());
        assertEquals(List.of(1, 2), fixture.events.of(ToolsetEvent.SessionRegistered.class).stream()
                .map(ToolsetEvent.SessionRegistered::activeSessions).toList());
        assertEquals(List.of(SessionId.of("s1")), fixture.events.of(ToolsetEvent.SessionUnregistered.class).stream()
                .map(e -> e.session().id()).toList());
    }

    @Test
    void failureRecordsAreListedByName() {
        CoreFixture fixture = CoreFixture.started(CoreFixture.KUBE_AND_PROM_DISABLED);
        // Thirty names recorded in reverse order of the alphabet: the hash map holding them has its own order.
        List<String> names = IntStream.range(0, 30).mapToObj(i -> "t/" + (char) ('z' - i % 26) + i).toList();
        names.forEach(fixture::fail);

        List<String> listed = fixture.core.queries().failures().stream().map(FailureRecord::toolset)
                .map(ToolsetName::value).toList();
        assertEquals(names.stream().sorted().toList(), listed);
    }

    @Test
    void theBuilderDefaultsProbeNothingAndItsProbeExecutorChains() {
        // Only what the test is about is set: the probe and the probe settings keep the builder's defaults.
        ToolsetConfigCore core = TestCores.onLines(new InMemoryConfigSource("kubernetes\n"),
                MutableClock.atEpochPlusOneDay()).probeExecutor(Runnable::run).build();

        ConnectivityReport report = core.connectivity().probe(List.of(Toolset.named("kubernetes")));

        ProbeResult.Skipped skipped = assertInstanceOf(ProbeResult.Skipped.class, report.entries().get(0).result());
        assertEquals(Duration.ZERO, skipped.duration());
        assertTrue(report.allReachable());
    }

    @Test
    void oneUnreachableToolsetMeansNotAllAreReachable() {
        ConnectivityReport report = new ConnectivityReport(List.of(
                new ConnectivityReport.Entry(ToolsetName.of("a"), new ProbeResult.Reachable("http://a", Duration.ZERO)),
                new ConnectivityReport.Entry(ToolsetName.of("b"), new ProbeResult.Unreachable(
                        ProbeResult.FailureReason.TLS, "handshake failed", "the CA bundle", Duration.ZERO))));

        assertFalse(report.allReachable());
        assertEquals(List.of("http_status", "unexpected_response", "timeout", "connection_refused", "tls_error",
                "dns_resolution_failed", "rbac_denied", "missing_env_var", "io_error"),
                List.of(ProbeResult.FailureReason.values()).stream().map(ProbeResult.FailureReason::wireName).toList());
    }

    @Test
    void settingsTakeTheSmallestValuesTheyAllow() {
        ReloadPolicy policy = CoreSettings.defaults().reloadPolicy();
        CoreSettings least = new CoreSettings(policy, Duration.ofMillis(1), Duration.ZERO, 1, 1, false);
        assertEquals(1, least.maxTracked());
        assertEquals(1, least.maxSessions());
        assertThrows(InvalidValueException.class,
                () -> new CoreSettings(policy, Duration.ofMillis(1), Duration.ZERO, 1, 0, false));
        assertThrows(InvalidValueException.class,
                () -> new CoreSettings(policy, Duration.ofMillis(1), Duration.ZERO, 0, 1, false));

        ProbeSettings equal = new ProbeSettings(true, Duration.ofSeconds(5), Duration.ofSeconds(5));
        assertEquals(equal.perProbeTimeout(), equal.totalTimeout());
        assertThrows(InvalidValueException.class,
                () -> new ProbeSettings(true, Duration.ofSeconds(5), Duration.ofSeconds(4)));
    }

    @Test
    void aListenerFailureSaysWhatWasThrownOnOneLine() {
        ToolsetEvent.ConfigListenerFailed failed = new ToolsetEvent.ConfigListenerFailed("l", 1,
                new IllegalStateException("pool closed"), Instant.EPOCH);

        assertEquals("java.lang.IllegalStateException: pool closed", failed.error());
    }

    @Test
    void onlyAFailingJvmEscapesAListenerGuardAndAStackOverflowDoesNot() {
        assertTrue(EventPublisher.isFatal(new OutOfMemoryError()));
        assertFalse(EventPublisher.isFatal(new StackOverflowError()));
        assertFalse(EventPublisher.isFatal(new IllegalStateException()));
    }
}
