package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.DiffQuery;
import org.toolsetconfig.application.port.in.DiffResult;
import org.toolsetconfig.application.port.in.HistoryEntry;
import org.toolsetconfig.application.port.in.ServiceStatus;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetDiff;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

class ChangeHistoryTest {

    private static List<ToolsetName> names(String... names) {
        return java.util.Arrays.stream(names).map(ToolsetName::of).toList();
    }

    private static String describe(HistoryEntry entry) {
        if (entry instanceof HistoryEntry.Applied applied) {
            ToolsetDiff changes = applied.changes();
            return "applied " + applied.snapshot().generation() + " by " + applied.trigger() + " +" + changes.added()
                    + " -" + changes.removed() + " ~" + changes.changed().stream()
                    .map(c -> c.name() + c.fields().toString()).toList();
        }
        HistoryEntry.Rejected rejected = (HistoryEntry.Rejected) entry;
        return "rejected by " + rejected.trigger() + " " + rejected.problems().stream()
                .map(ValidationProblem::toString).toList();
    }

    private static List<String> describe(List<HistoryEntry> entries) {
        return entries.stream().map(ChangeHistoryTest::describe).toList();
    }

    @Test
    void theStartupLoadAndEachAppliedGenerationAreKeptNewestFirstWithWhatChanged() {
        CoreFixture fixture = CoreFixture.started("kubernetes\nprometheus\n");
        fixture.advance(Duration.ofSeconds(5));
        fixture.source.write("kubernetes priority=2\ngrafana\n");
        fixture.core.reloads().reload(ReloadTrigger.WATCH);

        List<HistoryEntry> history = fixture.core.history().history();

        assertEquals(List.of(
                "applied 2 by watch +[grafana] -[prometheus] ~[kubernetes[priority]]",
                "applied 1 by startup +[kubernetes, prometheus] -[] ~[]"), describe(history));
        assertEquals(fixture.core.queries().activeSnapshot(), ((HistoryEntry.Applied) history.get(0)).snapshot());
        assertEquals(fixture.clock.instant(), history.get(0).at());
    }

    @Test
    void unchangedRechecksAreNotKeptAndTheSameRefusedBytesAreKeptOnce() {
        CoreFixture fixture = CoreFixture.started("kubernetes\n");
        fixture.core.reloads().reload(ReloadTrigger.POLL);
        fixture.source.write("!broken\n");
        fixture.core.reloads().reload(ReloadTrigger.WATCH);
        fixture.core.reloads().reload(ReloadTrigger.POLL);
        fixture.core.reloads().reload(ReloadTrigger.POLL);

        assertEquals(List.of("rejected by watch [(document): syntax error: !broken]",
                "applied 1 by startup +[kubernetes] -[] ~[]"), describe(fixture.core.history().history()));
    }

    @Test
    void theHistoryKeepsOnlyItsSizeAndForgetsTheOldestFirst() {
        CoreFixture fixture = CoreFixture.started("v1\n", CoreSettings.defaults().withHistorySize(3));
        for (int version = 2; version <= 5; version++) {
            fixture.source.write("v" + version + "\n");
            fixture.core.reloads().reload(ReloadTrigger.WATCH);
        }

        List<HistoryEntry> history = fixture.core.history().history();

        assertEquals(List.of(5L, 4L, 3L), history.stream()
                .map(entry -> ((HistoryEntry.Applied) entry).snapshot().generation()).toList());
        assertTrue(fixture.core.history().applied(2).isEmpty());
        assertEquals("v3", fixture.core.history().applied(3).orElseThrow().toolsets().get(0).name().value());
        assertEquals(new DiffResult.NotKept(1), fixture.core.history().diff(new DiffQuery(1, 5)));
        assertEquals(new DiffResult.NotKept(9), fixture.core.history().diff(new DiffQuery(3, 9)));
    }

    @Test
    void theDiffOfTwoKeptGenerationsGoesFromTheFirstToTheSecond() {
        CoreFixture fixture = CoreFixture.started("kubernetes\nprometheus\n");
        fixture.source.write("kubernetes priority=3\nprometheus\n");
        fixture.core.reloads().reload(ReloadTrigger.MANUAL);
        fixture.source.write("kubernetes priority=3\nloki\n");
        fixture.core.reloads().reload(ReloadTrigger.MANUAL);

        DiffResult.Diffed diff = assertInstanceOf(DiffResult.Diffed.class,
                fixture.core.history().diff(new DiffQuery(3, 1)));

        assertEquals(new ToolsetDiff(names("prometheus"), names("loki"),
                List.of(new ToolsetDiff.Change(ToolsetName.of("kubernetes"), List.of("priority")))), diff.diff());
        assertEquals(ToolsetDiff.NONE, ((DiffResult.Diffed) fixture.core.history().diff(new DiffQuery(2, 2))).diff());
        assertThrows(InvalidValueException.class, () -> new DiffQuery(0, 1));
    }

    @Test
    void aChangeThatWaitedForSessionsIsKeptWhenAppliedWithWhyItWasAppliedThen() {
        CoreFixture fixture = CoreFixture.started("kubernetes\n");
        fixture.core.sessions().register(SessionId.of("inv-1"));
        fixture.source.write("kubernetes\nprometheus\n");
        fixture.core.reloads().reload(ReloadTrigger.WATCH);
        assertEquals(1, fixture.core.history().history().size(), "a deferred change is not applied yet");

        fixture.core.sessions().unregister(SessionId.of("inv-1"));

        assertEquals("applied 2 by last_session_completed +[prometheus] -[] ~[]",
                describe(fixture.core.history().history().get(0)));
    }

    @Test
    void statusTellsARefusedNewerVersionFromNothingChanged() {
        CoreFixture fixture = CoreFixture.started("kubernetes\n");
        Checksum active = fixture.core.queries().activeSnapshot().checksum();
        fixture.core.reloads().reload(ReloadTrigger.POLL);

        ServiceStatus unchanged = fixture.core.queries().status();
        assertEquals(active, unchanged.observed());
        assertTrue(unchanged.lastRejected().isEmpty());

        fixture.advance(Duration.ofSeconds(30));
        fixture.source.write("!broken\n");
        fixture.core.reloads().reload(ReloadTrigger.WATCH);
        fixture.advance(Duration.ofSeconds(60));
        fixture.core.reloads().reload(ReloadTrigger.POLL);

        ServiceStatus refused = fixture.core.queries().status();
        assertEquals(active, refused.active().checksum(), "the active version stays");
        HistoryEntry.Rejected rejected = refused.lastRejected().orElseThrow();
        assertEquals(refused.observed(), rejected.checksum(), "the source holds the refused version");
        assertEquals(fixture.clock.instant().minusSeconds(60), rejected.at(), "refused when first found");
        assertEquals(List.of("(document): syntax error: !broken"),
                rejected.problems().stream().map(ValidationProblem::toString).toList());

        fixture.source.makeUnavailable(ReloadOutcome.ErrorKind.NOT_FOUND);
        fixture.core.reloads().reload(ReloadTrigger.POLL);
        assertEquals(Checksum.NONE, fixture.core.queries().status().observed());
    }

    @Test
    void theWarningsOfTheActiveDocumentAreInStatusAndPublishedOnceWhenApplied() {
        CoreFixture fixture = CoreFixture.started("kubernetes implicit\nprometheus\n");

        assertEquals(List.of("discovered[0].enabled"), fixture.core.queries().status().warnings().stream()
                .map(ValidationProblem::path).toList());
        List<ToolsetEvent.ConfigWarnings> published = fixture.events.of(ToolsetEvent.ConfigWarnings.class);
        assertEquals(1, published.size());
        assertEquals(1, published.get(0).generation());

        fixture.source.write("kubernetes\nprometheus\n");
        fixture.core.reloads().reload(ReloadTrigger.WATCH);
        assertEquals(List.of(), fixture.core.queries().status().warnings());
        assertEquals(1, fixture.events.of(ToolsetEvent.ConfigWarnings.class).size());
    }
}
