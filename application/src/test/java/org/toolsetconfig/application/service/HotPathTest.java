package org.toolsetconfig.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;
import org.toolsetconfig.application.testing.RecordingEventListener;
import org.toolsetconfig.domain.ToolsetName;

/** What the path every investigation reports through does, and what it leaves out (issue #20, item 2). */
class HotPathTest {

    private static final ToolsetName KUBERNETES = ToolsetName.of("kubernetes");

    /** A clock that stands still and counts how often it is read. */
    private static final class CountingClock extends Clock {
        private final Instant now = Instant.parse("2026-01-02T00:00:00Z");
        private final AtomicInteger reads = new AtomicInteger();

        @Override
        public Instant instant() {
            reads.incrementAndGet();
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private final CountingClock clock = new CountingClock();
    private final ToolsetConfigCore core = ToolsetConfigCore.builder()
            .configSource(new InMemoryConfigSource(CoreFixture.KUBE_AND_PROM)).configDecoder(new LineDecoder())
            .clock(clock).structuredLogging(false).build();

    @Test
    void withNobodyListeningASuccessReadsNoClockAndAFailureReadsItOnce() {
        core.reloads().startup();

        int before = clock.reads.get();
        core.outcomes().recordFailure(RecordFailureCommand.of(KUBERNETES));
        assertEquals(before + 1, clock.reads.get(), "a failure's instant is part of its record");
        core.outcomes().recordSuccess(KUBERNETES);
        assertEquals(before + 1, clock.reads.get(), "a success needs no instant when no event is built");
        assertEquals(0, core.queries().toolset(KUBERNETES).failures().orElseThrow().consecutiveFailures());
    }

    @Test
    void aListenerSubscribedLaterGetsTheSuccessEventWithItsInstant() {
        core.reloads().startup();
        RecordingEventListener events = new RecordingEventListener();
        core.events().subscribe(events);

        core.outcomes().recordFailure(RecordFailureCommand.of(KUBERNETES));
        core.outcomes().recordSuccess(KUBERNETES);

        ToolsetEvent.SuccessRecorded success = events.of(ToolsetEvent.SuccessRecorded.class).get(0);
        assertEquals(1, success.previousConsecutiveFailures());
        assertEquals(clock.now, success.at());
        assertEquals(1, events.of(ToolsetEvent.FailureRecorded.class).size());
    }
}
