package org.toolsetconfig.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.toolsetconfig.adapters.filesystem.YamlConfigDecoder;
import org.toolsetconfig.application.port.in.CoreSettings;
import org.toolsetconfig.application.port.in.RecordFailureCommand;
import org.toolsetconfig.application.port.in.RecordToolsetOutcomeUseCase;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadPolicy;
import org.toolsetconfig.domain.RevisionStamp;
import org.toolsetconfig.domain.ToolsetName;

/** The cores the JMH benchmarks measure, assembled with the plain builder as an embedder would. */
final class Cores {

    /** The largest file any benchmark loads. */
    static final long MAX_BYTES = 1_048_576;

    /** The highest threshold allowed (10) and a cooldown longer than any run. */
    private static final int THRESHOLD = 10;
    private static final Duration COOLDOWN = Duration.ofHours(1);

    private Cores() {
    }

    /**
     * A core loaded from a small in-memory document, able to track {@code tracked} toolsets, with the
     * highest threshold, so that a success after each failure keeps every toolset far below it.
     */
    static ToolsetConfigCore forHotPath(int tracked, boolean structuredLogging) {
        byte[] bytes = Documents.toolsets(50, 0).getBytes(StandardCharsets.UTF_8);
        SourceRead.Content content = new SourceRead.Content(bytes, new RevisionStamp(Instant.EPOCH, bytes.length));
        ToolsetConfigCore core = ToolsetConfigCore.builder()
                .configSource(() -> content)
                .configDecoder(new YamlConfigDecoder(MAX_BYTES))
                .settings(new CoreSettings(new ReloadPolicy(THRESHOLD, COOLDOWN), Duration.ofSeconds(600),
                        Duration.ofSeconds(600), Math.max(tracked, 1000), 10_000, false))
                .structuredLogging(structuredLogging)
                .build();
        requireApplied(core.reloads().startup());
        return core;
    }

    /** Records a failure and a success for {@code count} names, so each is tracked; returns them. */
    static ToolsetName[] trackAll(RecordToolsetOutcomeUseCase outcomes, int count) {
        ToolsetName[] names = new ToolsetName[count];
        for (int i = 0; i < count; i++) {
            names[i] = ToolsetName.of(Documents.name(i));
            outcomes.recordFailure(RecordFailureCommand.of(names[i]));
            outcomes.recordSuccess(names[i]);
        }
        return names;
    }

    static void requireApplied(ReloadOutcome outcome) {
        if (!(outcome instanceof ReloadOutcome.ConfigChanged)) {
            throw new IllegalStateException("expected config_changed, got " + outcome);
        }
    }
}
