package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureRecordTest {

    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private final ToolsetName name = ToolsetName.of("kubernetes/core");

    @Test
    void aFailureWithoutDetailsUsesTheDefaults() {
        FailureRecord record = FailureRecord.none(name).withFailure(null, " ", AT);
        assertEquals(1, record.consecutiveFailures());
        assertEquals(1, record.totalFailures());
        assertEquals(Optional.of(AT), record.lastFailureAt());
        assertEquals("UnknownError", record.lastErrorType());
        assertEquals("No error message", record.lastErrorMessage());
    }

    @Test
    void messagesAreStoredUpTo1024Characters() {
        FailureRecord record = FailureRecord.none(name).withFailure("Timeout", "m".repeat(5000), AT);
        assertEquals(1024, record.lastErrorMessage().length());
    }

    @Test
    void cuttingAMessageNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDD25";
        FailureRecord record = FailureRecord.none(name).withFailure("Timeout", "m".repeat(1023) + emoji, AT);

        assertEquals(1023, record.lastErrorMessage().length());
    }

    @Test
    void resetKeepsTheTotal() {
        FailureRecord record = FailureRecord.none(name).withFailure("A", "a", AT).withFailure("B", "b", AT)
                .withConsecutiveReset();
        assertEquals(0, record.consecutiveFailures());
        assertEquals(2, record.totalFailures());
        assertEquals("B", record.lastErrorType());
    }
}
