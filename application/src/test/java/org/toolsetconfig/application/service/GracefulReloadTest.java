package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.application.port.in.UnregisterSessionResult;
import org.toolsetconfig.application.port.out.ToolsetConfigListener;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.Toolset;

class GracefulReloadTest {

    private static final SessionId S1 = SessionId.of("investigation-1");
    private static final SessionId S2 = SessionId.of("investigation-2");

    private final CoreFixture fixture = CoreFixture.started("kubernetes\n",
            new CoreSettings(new ReloadPolicy(3, Duration.ofSeconds(60)), Duration.ofSeconds(600),
                    Duration.ofSeconds(900), 1000, 3, false));

    private ReloadOutcome.ConfigChanged change(String content) {
        fixture.source.write(content);
        return assertInstanceOf(ReloadOutcome.ConfigChanged.class, fixture.core.reloads().reload(ReloadTrigger.WATCH));
    }

    private List<String> pinnedNames(SessionId id) {
        SessionView view = fixture.core.sessions().session(id).orElseThrow();
        return view.snapshot().toolsets().stream().map(Toolset::name).map(Object::toString).sorted().toList();
    }

    @Test
    void changedConfigWaitsForTheLastSessionAndANewerOneReplacesThePendingOne() {
        fixture.core.sessions().register(S1);
        fixture.core.sessions().register(S2);

        assertEquals(ReloadOutcome.Applied.DEFERRED, change("kubernetes\nprometheus\n").applied());
        fixture.assertActive("kubernetes");
        String firstPending = fixture.core.queries().pendingReload().orElseThrow().checksum().hex();
        assertEquals(ReloadOutcome.Applied.DEFERRED, change("kubernetes\nprometheus\ngrafana\n").applied());
        assertTrue(!firstPending.equals(fixture.core.queries().pendingReload().orElseThrow().checksum().hex()));

        fixture.core.sessions().unregister(S1);
        fixture.assertActive("kubernetes");
        fixture.core.sessions().unregister(S2);

        fixture.assertActive("grafana", "kubernetes", "prometheus");
        assertTrue(fixture.core.queries().pendingReload().isEmpty());
        assertEquals(ToolsetEvent.ApplyReason.LAST_SESSION_COMPLETED,
                last(fixture.events.of(ToolsetEvent.ConfigApplied.class)).reason());
    }

    @Test
    void pendingBytesReReadAreUnchanged() {
        fixture.core.sessions().register(S1);
        change("kubernetes\nprometheus\n");

        assertInstanceOf(ReloadOutcome.ConfigUnchanged.class, fixture.core.reloads().reload(ReloadTrigger.POLL));
    }

    @Test
    void aSessionReadsTheSnapshotItPinned() {
        fixture.core.sessions().register(S1);
        change("kubernetes\nprometheus\n");
        fixture.core.sessions().unregister(S1);
        fixture.core.sessions().register(S2);

        assertEquals(List.of("kubernetes", "prometheus"), pinnedNames(S2));
        assertEquals(2, fixture.core.sessions().session(S2).orElseThrow().session().generation());
    }

    @Test
    void registrationIsIdempotentAndUnknownUnregisterIsNotFound() {
        assertInstanceOf(RegisterSessionResult.Created.class, fixture.core.sessions().register(S1));
        fixture.advance(Duration.ofSeconds(5));
        RegisterSessionResult.Existing again = assertInstanceOf(RegisterSessionResult.Existing.class,
                fixture.core.sessions().register(S1));

        assertEquals(fixture.clock.instant().minusSeconds(5), again.session().startedAt());
        assertInstanceOf(UnregisterSessionResult.NotFound.class, fixture.core.sessions().unregister(S2));
        assertInstanceOf(UnregisterSessionResult.Unregistered.class, fixture.core.sessions().unregister(S1));
        assertInstanceOf(UnregisterSessionResult.NotFound.class, fixture.core.sessions().unregister(S1));
    }

    @Test
    void sessionsPastTheCapAreRefused() {
        for (int i = 0; i < 3; i++) {
            fixture.core.sessions().register(SessionId.of("s" + i));
        }
        RegisterSessionResult.Refused refused = assertInstanceOf(RegisterSessionResult.Refused.class,
                fixture.core.sessions().register(SessionId.of("one-too-many")));
        assertTrue(refused.reason().contains("TOOLSET_MAX_SESSIONS"));
        assertEquals(3, fixture.core.sessions().sessions().size());
    }

    @Test
    void staleSessionIsExpiredAfterTheTtlAndThePendingConfigApplies() {
        fixture.core.sessions().register(S1);
        change("kubernetes\nprometheus\n");
        fixture.advance(Duration.ofSeconds(599));
        assertEquals(0, fixture.core.sessions().sweep());
        fixture.assertActive("kubernetes");

        fixture.advance(Duration.ofSeconds(1));
        assertEquals(1, fixture.core.sessions().sweep());

        fixture.assertActive("kubernetes", "prometheus");
        assertTrue(fixture.core.sessions().sessions().isEmpty());
        ToolsetEvent.SessionExpired expired = fixture.events.of(ToolsetEvent.SessionExpired.class).get(0);
        assertEquals(S1, expired.session().id());
        assertEquals(ToolsetEvent.ApplyReason.STALE_SESSIONS_EXPIRED,
                last(fixture.events.of(ToolsetEvent.ConfigApplied.class)).reason());
    }

    @Test
    void maxDeferralAppliesThePendingConfigWhileSessionsStillSeeTheirPinnedSnapshot() {
        CoreFixture shortDeferral = CoreFixture.started("kubernetes\n",
                new CoreSettings(new ReloadPolicy(3, Duration.ofSeconds(60)), Duration.ofSeconds(600),
                        Duration.ofSeconds(120), 1000, 10, false));
        shortDeferral.core.sessions().register(S1);
        shortDeferral.source.write("kubernetes\nprometheus\n");
        shortDeferral.core.reloads().reload(ReloadTrigger.WATCH);
        shortDeferral.advance(Duration.ofSeconds(60));
        shortDeferral.core.sessions().register(S2);
        shortDeferral.source.write("kubernetes\nprometheus\ngrafana\n");
        shortDeferral.core.reloads().reload(ReloadTrigger.WATCH);

        shortDeferral.advance(Duration.ofSeconds(59));
        shortDeferral.core.sessions().sweep();
        shortDeferral.assertActive("kubernetes");
        shortDeferral.advance(Duration.ofSeconds(1));
        shortDeferral.core.sessions().sweep();

        shortDeferral.assertActive("grafana", "kubernetes", "prometheus");
        assertEquals(2, shortDeferral.core.sessions().sessions().size());
        assertEquals(List.of("kubernetes"), shortDeferral.core.sessions().session(S1).orElseThrow().snapshot()
                .toolsets().stream().map(t -> t.name().value()).toList());
        assertEquals(ToolsetEvent.ApplyReason.DEFERRAL_EXPIRED,
                last(shortDeferral.events.of(ToolsetEvent.ConfigApplied.class)).reason());
    }

    @Test
    void listenersAreToldInOrderAndOneThatThrowsStopsNeitherTheOthersNorTheApply() {
        List<Long> seen = new ArrayList<>();
        ToolsetConfigListener throwing = (previous, current) -> {
            throw new IllegalStateException("listener bug");
        };
        ToolsetConfigListener recording = (previous, current) -> seen.add(current.generation());
        CoreFixture withListeners = new CoreFixture("kubernetes\n", CoreSettings.defaults(),
                List.of(throwing, recording));
        withListeners.core.reloads().startup();
        withListeners.source.write("kubernetes\nprometheus\n");
        withListeners.core.reloads().reload(ReloadTrigger.MANUAL);

        assertEquals(List.of(1L, 2L), seen);
        withListeners.assertActive("kubernetes", "prometheus");
        assertEquals(2, withListeners.events.of(ToolsetEvent.ConfigListenerFailed.class).size());
    }

    private static <T> T last(List<T> items) {
        return items.get(items.size() - 1);
    }
}
