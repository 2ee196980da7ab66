package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire names are metric labels and API values: derived from constant names, so a rename must show up here. */
class WireNamesTest {

    @Test
    void triggersOutcomesAndHealthAreTheirLowerCaseNames() {
        assertEquals(List.of("startup", "watch", "poll", "failure_threshold", "manual"),
                Arrays.stream(ReloadTrigger.values()).map(ReloadTrigger::wireName).toList());
        assertEquals(List.of("now", "deferred"),
                Arrays.stream(ReloadOutcome.Applied.values()).map(ReloadOutcome.Applied::wireName).toList());
        assertEquals(List.of("healthy", "degraded", "failing", "disabled"),
                Arrays.stream(ToolsetHealth.values()).map(ToolsetHealth::wireName).toList());
    }

    @Test
    void aBuiltInToolsetIsWrittenWithAHyphen() {
        assertEquals(List.of("built-in", "mcp"),
                Arrays.stream(Toolset.Type.values()).map(Toolset.Type::wireName).toList());
    }
}
