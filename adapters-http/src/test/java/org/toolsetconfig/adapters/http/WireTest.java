package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetHealth;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

class WireTest {

    @Test
    void aPlacedProblemCarriesItsLineAndColumnAndAnUnplacedOneNulls() {
        Wire.ProblemItem placed = Wire.ProblemItem.of(ValidationProblem.error("discovered[1].name", "bad name")
                .at(new SourcePosition(4, 11)));
        Wire.ProblemItem unplaced = Wire.ProblemItem.of(ValidationProblem.warning("overrides.x", "unknown"));

        assertEquals(new Wire.ProblemItem("discovered[1].name", "bad name", "ERROR", 4, 11), placed);
        assertNull(unplaced.line());
        assertNull(unplaced.column());
        assertEquals("WARNING", unplaced.severity());
    }

    @Test
    void aToolsetLeavesWithItsTypeAndWithoutItsSecrets() throws Exception {
        Toolset toolset = new Toolset(ToolsetName.of("my_server"), true, 0,
                Optional.of(URI.create("http://u:wire-pw@mcp:8000/mcp?token=wire-tok")), Toolset.Type.MCP,
                Map.of("config", Map.of("url", "http://mcp:8000/mcp", "headers",
                        Map.of("Authorization", "Bearer wire-bearer")), "api_key", "{{ env.MCP_KEY }}"));

        Wire.ToolsetJson json = Wire.ToolsetJson.of(toolset, ToolsetHealth.HEALTHY);
        String written = ApiFixture.JSON.writeValueAsString(json);

        assertEquals("mcp", json.type());
        assertEquals("http://u:<redacted>@mcp:8000/mcp?token=<redacted>", json.endpoint());
        assertEquals(Map.of("url", "http://mcp:8000/mcp", "headers", Map.of("Authorization", "<redacted>")),
                json.settings().get("config"));
        assertEquals("{{ env.MCP_KEY }}", json.settings().get("api_key"));
        for (String secret : List.of("wire-pw", "wire-tok", "wire-bearer")) {
            assertFalse(written.contains(secret), written);
        }
        assertEquals("http://u:wire-pw@mcp:8000/mcp?token=wire-tok", toolset.endpoint().orElseThrow().toString(),
                "the snapshot keeps the real values the probes need");
    }
}
