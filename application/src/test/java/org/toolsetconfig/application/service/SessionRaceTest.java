package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.PendingReload;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.application.port.in.UnregisterSessionResult;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.Toolset;

/**
 * Sessions registering, reading and unregistering on four threads while a fifth changes the file
 * and re-checks it (one version in seven invalid) and a sixth reads the active snapshot. Every
 * snapshot anyone sees is whole (its toolsets are exactly those of the bytes its checksum names),
 * every session reads the generation it pinned, abandoned sessions are expired, and the end state
 * is the last valid file with nothing pending.
 */
class SessionRaceTest {

    private static final int SESSION_THREADS = 4;
    private static final int SESSIONS_PER_THREAD = 5_000;
    private static final int VERSIONS = 600;
    private static final Duration BOUND = Duration.ofSeconds(60);

    private final Map<Checksum, String> toolsetsByChecksum = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    private String content(int version) {
        String content = version % 7 == 3 ? "kubernetes\n!broken " + version + "\n"
                : "kubernetes\nv" + version + "\n" + (version % 2 == 0 ? "prometheus\n" : "");
        if (version % 7 != 3) {
            toolsetsByChecksum.put(Checksum.sha256(content.getBytes(StandardCharsets.UTF_8)),
                    content.lines().filter(line -> !line.isBlank()).sorted().collect(Collectors.joining(",")));
        }
        return content;
    }

    private void check(ConfigSnapshot snapshot, String who) {
        String expected = toolsetsByChecksum.get(snapshot.checksum());
        String actual = snapshot.toolsets().stream().map(Toolset::name).map(Object::toString).sorted()
                .collect(Collectors.joining(","));
        if (!snapshot.isLoaded() || expected == null || !expected.equals(actual)) {
            violations.add(who + " saw generation " + snapshot.generation() + " with " + actual + ", expected "
                    + expected);
        }
    }

    @Test
    void registerAndUnregisterRacingReloadsEndWithTheLatestValidConfigAndNoHalfAppliedView() throws Exception {
        CoreFixture fixture = new CoreFixture(content(0));
        fixture.core.reloads().startup();
        ToolsetConfigCore core = fixture.core;
        ExecutorService pool = Executors.newFixedThreadPool(SESSION_THREADS + 2);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger abandoned = new AtomicInteger();
        AtomicInteger lastValid = new AtomicInteger();
        AtomicInteger versions = new AtomicInteger();
        AtomicInteger sessionsRunning = new AtomicInteger(SESSION_THREADS);
        try {
            Future<?> writer = pool.submit(() -> {
                go.await();
                for (int version = 1; version <= VERSIONS || sessionsRunning.get() > 0; version++) {
                    versions.set(version);
                    fixture.source.write(content(version));
                    core.reloads().reload(ReloadTrigger.MANUAL);
                    if (version % 7 != 3) {
                        lastValid.set(version);
                    }
                }
                writing.set(false);
                return null;
            });
            Future<?> reader = pool.submit(() -> {
                go.await();
                while (writing.get()) {
                    check(core.queries().activeSnapshot(), "a reader");
                    core.queries().status();
                }
                return null;
            });
            List<Future<?>> sessionThreads = new java.util.ArrayList<>();
            for (int t = 0; t < SESSION_THREADS; t++) {
                int thread = t;
                sessionThreads.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < SESSIONS_PER_THREAD; i++) {
                        SessionId id = SessionId.of("s-" + thread + "-" + i);
                        RegisterSessionResult registered = core.sessions().register(id);
                        long pinned = ((RegisterSessionResult.Created) registered).session().generation();
                        Optional<SessionView> view = core.sessions().session(id);
                        SessionView seen = view.orElseThrow();
                        if (seen.snapshot().generation() != pinned || seen.session().generation() != pinned) {
                            violations.add(id + " pinned " + pinned + " but reads " + seen.snapshot().generation());
                        }
                        check(seen.snapshot(), id.toString());
                        if (i >= SESSIONS_PER_THREAD - 5) {
                            abandoned.incrementAndGet(); // an investigation that crashed: never unregisters
                        } else if (!(core.sessions().unregister(id) instanceof UnregisterSessionResult.Unregistered)) {
                            violations.add(id + " could not unregister");
                        }
                    }
                    sessionsRunning.decrementAndGet();
                    return null;
                }));
            }
            go.countDown();
            writer.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            reader.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            for (Future<?> thread : sessionThreads) {
                thread.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }

        assertEquals(List.of(), List.copyOf(violations));
        // The abandoned sessions hold any change back until the sweeper expires them.
        assertEquals(abandoned.get(), core.sessions().sessions().size());
        fixture.advance(Duration.ofSeconds(601));
        assertEquals(abandoned.get(), core.sessions().sweep());

        assertEquals(0, core.sessions().sessions().size());
        assertEquals(Optional.<PendingReload>empty(), core.queries().pendingReload());
        ConfigSnapshot active = core.queries().activeSnapshot();
        assertEquals(Checksum.sha256(content(lastValid.get()).getBytes(StandardCharsets.UTF_8)), active.checksum(),
                "the latest valid file is active");
        check(active, "the end state");
        assertEquals(List.of(), List.copyOf(violations));
        assertEquals(abandoned.get(), fixture.events.of(ToolsetEvent.SessionExpired.class).size());
        List<ToolsetEvent.ConfigApplied> applied = fixture.events.of(ToolsetEvent.ConfigApplied.class);
        for (int i = 1; i < applied.size(); i++) {
            assertEquals(applied.get(i - 1).current().generation() + 1, applied.get(i).current().generation());
        }
        assertInstanceOf(ToolsetEvent.ConfigApplied.class, applied.get(applied.size() - 1));
        System.out.printf("[reliability] sessions.race sessions=%d abandoned_then_expired=%d versions=%d applied=%d "
                        + "deferred=%d%n", SESSION_THREADS * SESSIONS_PER_THREAD, abandoned.get(), versions.get(),
                applied.size(), fixture.events.of(ToolsetEvent.ReloadDeferred.class).size());
    }
}
