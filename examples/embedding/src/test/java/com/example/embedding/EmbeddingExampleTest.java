package com.example.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.ReloadAttempt;
import org.toolsetconfig.application.testing.Await;
import org.toolsetconfig.application.testing.MutableClock;
import org.toolsetconfig.domain.FailureRecord;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;

/** Runs the embedding example the way docs/embedding.md describes it. */
class EmbeddingExampleTest {

    private static final ToolsetName KUBERNETES = ToolsetName.of("kubernetes/core");
    private static final ToolsetName PROMETHEUS = ToolsetName.of("prometheus/metrics");
    private static final String BROKEN = """
            # the endpoint has a typo
            kubernetes/core priority=10
            prometheus/metrics endpoint=http://prometheus-typo:9090
            grafana/loki enabled=false
            """;
    private static final String FIXED = BROKEN.replace("prometheus-typo", "prometheus");
    private static final Duration NO_POLL_DURING_TEST = Duration.ofHours(1);

    private final Map<String, String> store = new ConcurrentHashMap<>();
    private final MutableClock clock = MutableClock.atEpochPlusOneDay();
    private EmbeddedToolsetConfig config;

    @AfterEach
    void close() {
        if (config != null) {
            config.close();
        }
    }

    @Test
    void startupBuildsTheClientFromTheStore() {
        store.put(EmbeddedToolsetConfig.KEY, BROKEN);

        config = EmbeddedToolsetConfig.start(store, clock, NO_POLL_DURING_TEST);

        assertEquals(1, config.client().generation());
        assertEquals(List.of(KUBERNETES, PROMETHEUS), config.client().toolsetNames());
        assertEquals(Optional.of(URI.create("http://prometheus-typo:9090")), config.client().endpoint(PROMETHEUS));
    }

    @Test
    void startupRefusesAMissingOrInvalidDocument() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> EmbeddedToolsetConfig.start(store, clock, NO_POLL_DURING_TEST));
        assertTrue(missing.getMessage().contains("no value under 'toolsets'"), missing.getMessage());

        store.put(EmbeddedToolsetConfig.KEY, "kubernetes/core priority=high");
        IllegalStateException invalid = assertThrows(IllegalStateException.class,
                () -> EmbeddedToolsetConfig.start(store, clock, NO_POLL_DURING_TEST));
        assertTrue(invalid.getMessage().contains("priority"), invalid.getMessage());

        store.put(EmbeddedToolsetConfig.KEY, "kubernetes/core priority");
        IllegalStateException malformed = assertThrows(IllegalStateException.class,
                () -> EmbeddedToolsetConfig.start(store, clock, NO_POLL_DURING_TEST));
        assertTrue(malformed.getMessage().contains("expected key=value"), malformed.getMessage());
    }

    @Test
    void thirdFailureHealsTheToolsetOnceTheInvestigationEnds() {
        store.put(EmbeddedToolsetConfig.KEY, BROKEN);
        config = EmbeddedToolsetConfig.start(store, clock, NO_POLL_DURING_TEST);
        Investigation investigation = new Investigation(config.core().sessions(), config.core().outcomes());
        ToolsetClient firstClient = config.client();
        Investigation.ToolCall engine = toolset -> {
            if (toolset.endpoint().map(uri -> uri.getHost().endsWith("-typo")).orElse(false)) {
                throw new IOException("unknown host " + toolset.endpoint().get().getHost());
            }
        };

        Investigation.Report first = investigation.run(SessionId.of("inv-1"), engine);
        store.put(EmbeddedToolsetConfig.KEY, FIXED); // the operator fixes the value; no poll runs in this test
        Investigation.Report second = investigation.run(SessionId.of("inv-2"), engine);
        Investigation.Report third = investigation.run(SessionId.of("inv-3"), engine);

        assertEquals(List.of(KUBERNETES), first.succeeded());
        assertEquals(List.of(PROMETHEUS), second.failed());
        assertEquals(1, third.generation(), "the third investigation kept the toolsets it pinned");
        RecordFailureResult.Recorded thirdFailure =
                assertInstanceOf(RecordFailureResult.Recorded.class, third.failureResults().get(0));
        ReloadAttempt.Attempted recheck = assertInstanceOf(ReloadAttempt.Attempted.class, thirdFailure.reload());
        ReloadOutcome.ConfigChanged changed = assertInstanceOf(ReloadOutcome.ConfigChanged.class, recheck.outcome());
        assertEquals(ReloadOutcome.Applied.DEFERRED, changed.applied(), "deferred while inv-3 was active");

        assertEquals(2, config.client().generation(), "applied when inv-3 unregistered");
        assertTrue(firstClient.isClosed());
        assertEquals(Optional.of(URI.create("http://prometheus:9090")), config.client().endpoint(PROMETHEUS));
        Investigation.Report fourth = investigation.run(SessionId.of("inv-4"), engine);
        assertEquals(List.of(KUBERNETES, PROMETHEUS), fourth.succeeded());
        assertEquals(List.of(), config.core().sessions().sessions());
        FailureRecord prometheus = config.core().queries().toolset(PROMETHEUS).failures().orElseThrow();
        assertEquals(0, prometheus.consecutiveFailures());
        assertEquals(3, prometheus.totalFailures());
    }

    @Test
    void invalidChangeKeepsTheClientAndAValidOneReplacesIt() {
        store.put(EmbeddedToolsetConfig.KEY, BROKEN);
        config = EmbeddedToolsetConfig.start(store, clock, NO_POLL_DURING_TEST);
        ToolsetClient before = config.client();

        store.put(EmbeddedToolsetConfig.KEY, "kubernetes/core endpoint=ftp://nope");
        assertInstanceOf(ReloadOutcome.ValidationFailed.class, config.storeChanged());
        assertSame(before, config.client());
        assertFalse(before.isClosed());

        store.put(EmbeddedToolsetConfig.KEY, FIXED);
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, config.storeChanged());
        assertEquals(2, config.client().generation());
        assertTrue(before.isClosed());
    }

    @Test
    void thePollPicksUpAChangeByItself() {
        store.put(EmbeddedToolsetConfig.KEY, BROKEN);
        config = EmbeddedToolsetConfig.start(store, clock, Duration.ofMillis(20));

        store.put(EmbeddedToolsetConfig.KEY, FIXED);

        awaitTrue(() -> config.client().generation() == 2, Duration.ofSeconds(10));
        assertEquals(Optional.of(URI.create("http://prometheus:9090")), config.client().endpoint(PROMETHEUS));
    }

    private static void awaitTrue(BooleanSupplier condition, Duration bound) {
        Await.until(bound, condition);
    }
}
