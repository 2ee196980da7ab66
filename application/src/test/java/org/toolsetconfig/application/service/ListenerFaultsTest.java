package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordFailureResult;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.out.ToolsetConfigListener;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.application.testing.Await;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.domain.ConfigSnapshot;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SessionId;
import org.toolsetconfig.domain.ToolsetName;

/**
 * {@link ToolsetConfigListener}s that throw (exceptions and errors) or hang, under each kind of
 * listener executor: inline (the builder's default), one thread, and a pool. Waits are bounded.
 */
class ListenerFaultsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch hanging = new CountDownLatch(1);
    private ExecutorService executor;

    @AfterEach
    void releaseAndStop() throws InterruptedException {
        release.countDown();
        if (executor != null) {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    /** Blocks on the first snapshot it is told of, until the test releases it. */
    private final class HangingListener implements ToolsetConfigListener {
        final List<Long> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onConfigApplied(ConfigSnapshot previous, ConfigSnapshot current) {
            seen.add(current.generation());
            hanging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final HangingListener hangingListener = new HangingListener();

    private record Core(ToolsetConfigCore core, InMemoryConfigSource source, RecordingEventListener events) {
        ReloadOutcome change(int version) {
            source.write("kubernetes\nv" + version + "\n");
            return core.reloads().reload(ReloadTrigger.MANUAL);
        }
    }

    private static Core core(java.util.concurrent.Executor executor, List<ToolsetConfigListener> listeners,
                             List<ToolsetEventListener> eventListeners) {
        InMemoryConfigSource source = new InMemoryConfigSource("kubernetes\n");
        RecordingEventListener events = new RecordingEventListener();
        ToolsetConfigCore.Builder builder = ToolsetConfigCore.builder().configSource(source)
                .configDecoder(new LineDecoder()).settings(CoreSettings.defaults()).structuredLogging(false)
                .eventListener(events);
        eventListeners.forEach(builder::eventListener);
        listeners.forEach(builder::configListener);
        if (executor != null) {
            builder.listenerExecutor(executor);
        }
        return new Core(builder.build(), source, events);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), what);
    }

    private static void awaitSeen(List<Long> seen, List<Long> expected) {
        Await.until(BOUND, () -> seen.equals(expected), () -> "listener saw " + seen + ", expected " + expected);
    }

    @Test
    void inlineAListenerThrowingAnErrorStopsNeitherTheOthersNorTheApplyNorTheCaller() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        ToolsetConfigListener linkageError = (previous, current) -> {
            throw new NoClassDefFoundError("com/example/GoneAtRuntime");
        };
        ToolsetConfigListener assertionError = (previous, current) -> {
            throw new AssertionError("listener invariant");
        };
        Core core = core(null, List.of(linkageError, assertionError, (previous, current) -> seen.add(current.generation())),
                List.of());

        assertInstanceOf(ReloadOutcome.ConfigChanged.class, core.core().reloads().startup());
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, core.change(2));

        assertEquals(List.of(1L, 2L), seen);
        assertEquals(2, core.core().queries().activeSnapshot().generation());
        assertEquals(4, core.events().of(ToolsetEvent.ConfigListenerFailed.class).size());
    }

    @Test
    void anEventListenerThrowingAnErrorDoesNotFailTheUseCaseNorStopTheOtherListeners() {
        ToolsetEventListener broken = event -> {
            throw new ExceptionInInitializerError("metrics registry failed to initialise");
        };
        Core core = core(null, List.of(), List.of(broken));
        core.core().reloads().startup();

        RecordFailureResult result = core.core().outcomes().recordFailure(
                RecordFailureCommand.of(ToolsetName.of("kubernetes")));

        assertInstanceOf(RecordFailureResult.Recorded.class, result);
        assertEquals(1, core.events().of(ToolsetEvent.FailureRecorded.class).size());
        assertInstanceOf(RegisterSessionResult.Created.class, core.core().sessions().register(SessionId.of("s1")));
    }

    /**
     * The builder's default runs listeners inline, inside the apply: a listener that hangs holds the
     * re-check (and every trigger queued behind it) until it returns. Reads of the active snapshot
     * still answer. This is why the service gives the builder its own listener executor.
     */
    @Test
    void inlineAHangingListenerHoldsTheReloadUntilItReturnsButReadsStillAnswer() throws Exception {
        Core core = core(null, List.of(hangingListener), List.of());
        CompletableFuture<ReloadOutcome> startup = CompletableFuture.supplyAsync(() -> core.core().reloads().startup());
        await(hanging, "the listener was called");

        assertThrows(TimeoutException.class, () -> startup.get(200, TimeUnit.MILLISECONDS));
        assertEquals(1, core.core().queries().activeSnapshot().generation(), "the snapshot is active already");
        assertTrue(core.core().queries().status().ready());

        release.countDown();
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, startup.get(BOUND.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** With one listener thread, a hanging listener blocks no re-check, session or failure report. */
    @Test
    void withASingleThreadExecutorAHangingListenerBlocksNoReload() throws Exception {
        executor = Executors.newSingleThreadExecutor();
        List<Long> others = new CopyOnWriteArrayList<>();
        Core core = core(executor, List.of(hangingListener, (previous, current) -> others.add(current.generation())),
                List.of());
        assertInstanceOf(ReloadOutcome.ConfigChanged.class, core.core().reloads().startup());
        await(hanging, "the listener was called");

        for (int version = 2; version <= 6; version++) {
            int v = version;
            ReloadOutcome outcome = CompletableFuture.supplyAsync(() -> core.change(v))
                    .get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertInstanceOf(ReloadOutcome.ConfigChanged.class, outcome);
        }
        assertEquals(6, core.core().queries().activeSnapshot().generation());
        assertInstanceOf(RegisterSessionResult.Created.class, core.core().sessions().register(SessionId.of("s1")));

        release.countDown();
        awaitSeen(others, List.of(1L, 2L, 3L, 4L, 5L, 6L));
    }

    /**
     * With a pool, a hanging listener blocks neither the reloads nor the other listeners, and each
     * listener is still told of every snapshot in generation order.
     */
    @Test
    void withAPoolAHangingListenerDoesNotStopTheOthersAndOrderIsKept() throws Exception {
        executor = Executors.newCachedThreadPool();
        List<Long> others = new CopyOnWriteArrayList<>();
        List<Long> slow = new CopyOnWriteArrayList<>();
        ToolsetConfigListener slowButFine = (previous, current) -> {
            slow.add(current.generation());
            Thread.onSpinWait();
        };
        Core core = core(executor, List.of(hangingListener, (previous, current) -> others.add(current.generation()),
                slowButFine), List.of());
        core.core().reloads().startup();
        await(hanging, "the listener was called");

        for (int version = 2; version <= 6; version++) {
            assertInstanceOf(ReloadOutcome.ConfigChanged.class, core.change(version));
        }

        awaitSeen(others, List.of(1L, 2L, 3L, 4L, 5L, 6L));
        awaitSeen(slow, List.of(1L, 2L, 3L, 4L, 5L, 6L));
        release.countDown();
        awaitSeen(hangingListener.seen, List.of(1L, 2L, 3L, 4L, 5L, 6L));
        assertFalse(core.events().of(ToolsetEvent.ConfigListenerFailed.class).iterator().hasNext());
    }
}
