package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.out.ToolsetConfigListener;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.application.testing.TestCores;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;

/** A core on in-memory ports, a controllable clock and a recording event listener. */
final class CoreFixture {

    static final String KUBE_AND_PROM_DISABLED = "kubernetes\nprometheus disabled\n";
    static final String KUBE_AND_PROM = "kubernetes\nprometheus\n";

    final MutableClock clock = MutableClock.atEpochPlusOneDay();
    final InMemoryConfigSource source;
    final LineDecoder decoder = new LineDecoder();
    final RecordingEventListener events = new RecordingEventListener();
    final ToolsetConfigCore core;

    CoreFixture(String initialContent) {
        this(initialContent, CoreSettings.defaults(), List.of());
    }

    CoreFixture(String initialContent, CoreSettings settings, List<ToolsetConfigListener> listeners) {
        this.source = new InMemoryConfigSource(initialContent);
        ToolsetConfigCore.Builder builder = TestCores.onLines(source, clock).configDecoder(decoder).settings(settings)
                .eventListener(events);
        listeners.forEach(builder::configListener);
        this.core = builder.build();
    }

    static CoreFixture started(String content) {
        CoreFixture fixture = new CoreFixture(content);
        fixture.core.reloads().startup();
        return fixture;
    }

    static CoreFixture started(String content, CoreSettings settings) {
        CoreFixture fixture = new CoreFixture(content, settings, List.of());
        fixture.core.reloads().startup();
        return fixture;
    }

    RecordFailureResult.Recorded fail(String toolset) {
        return assertInstanceOf(RecordFailureResult.Recorded.class,
                core.outcomes().recordFailure(RecordFailureCommand.of(ToolsetName.of(toolset))));
    }

    int consecutive(String toolset) {
        return core.queries().toolset(ToolsetName.of(toolset)).failures().orElseThrow().consecutiveFailures();
    }

    List<String> activeNames() {
        return core.queries().activeSnapshot().toolsets().stream().map(Toolset::name).map(ToolsetName::value)
                .sorted().toList();
    }

    void assertActive(String... names) {
        assertEquals(List.of(names), activeNames());
    }

    void advance(Duration by) {
        clock.advance(by);
    }
}
