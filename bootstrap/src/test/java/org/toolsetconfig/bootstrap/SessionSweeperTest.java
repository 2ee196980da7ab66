package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ManageSessionsUseCase;
import org.toolsetconfig.application.port.in.RegisterSessionResult;
import org.toolsetconfig.application.port.in.SessionView;
import org.toolsetconfig.application.port.in.UnregisterSessionResult;
import org.toolsetconfig.domain.Session;
import org.toolsetconfig.domain.SessionId;

class SessionSweeperTest {

    /** Counts sweeps; the first one throws, as a bug in the core would. */
    private static final class CountingSessions implements ManageSessionsUseCase {
        final AtomicInteger sweeps = new AtomicInteger();

        @Override
        public int sweep() {
            if (sweeps.incrementAndGet() == 1) {
                throw new IllegalStateException("first sweep fails");
            }
            return 0;
        }

        @Override
        public RegisterSessionResult register(SessionId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public UnregisterSessionResult unregister(SessionId id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Session> sessions() {
            return List.of();
        }

        @Override
        public Optional<SessionView> session(SessionId id) {
            return Optional.empty();
        }
    }

    private static boolean sweeperThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("session-sweeper") && thread.isAlive());
    }

    @Test
    void sweepsEveryPeriodEvenAfterASweepFailedAndStopsCleanly() {
        CountingSessions sessions = new CountingSessions();
        SessionSweeper sweeper = new SessionSweeper(sessions, Duration.ofMillis(10));

        sweeper.start();
        Await.until(Duration.ofSeconds(5), () -> sessions.sweeps.get() >= 3);
        sweeper.stop();
        int afterStop = sessions.sweeps.get();

        // The pool reports termination just before its thread has fully exited.
        Await.until(Duration.ofSeconds(5), () -> !sweeperThreadAlive());
        Await.holds(Duration.ofMillis(100), () -> sessions.sweeps.get() == afterStop);
        sweeper.stop();
    }

    @Test
    void nothingRunsBeforeStart() {
        CountingSessions sessions = new CountingSessions();
        new SessionSweeper(sessions, Duration.ofMillis(1));

        assertFalse(sweeperThreadAlive());
        assertEquals(0, sessions.sweeps.get());
    }

    @Test
    void sweepsEverySixtySecondsInTheService() {
        assertEquals(Duration.ofSeconds(60), SessionSweeper.PERIOD);
    }
}
