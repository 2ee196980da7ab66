package org.toolsetconfig.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first-screen run: the jar on examples/toolsets.yaml, a failure recorded, the toolsets read. */
class QuickStartIT {

    @Test
    void theReadmeRunWorksOnTheExampleConfig(@TempDir Path temp) {
        // The README uses --port 8080; a free port keeps the test independent of what else runs here.
        // The example's endpoints are in-cluster addresses, so the README turns the startup probes off.
        try (ServiceProcess service = ServiceProcess.start(temp, Map.of(), "--config", "examples/toolsets.yaml",
                "--port", "0", "--no-startup-probes")) {
            service.awaitReady(Duration.ofSeconds(30));

            var failure = service.post("/api/v1/toolsets/prometheus/metrics/failures",
                    "{\"errorType\":\"ConnectionError\",\"errorMessage\":\"connection refused\"}");
            assertEquals(200, failure.statusCode(), failure.body());
            assertTrue(failure.body().contains("\"consecutiveFailures\":1"), failure.body());

            String toolsets = service.get("/api/v1/toolsets").body();
            assertTrue(toolsets.contains("kubernetes/core") && toolsets.contains("prometheus/metrics")
                    && toolsets.contains("kubernetes/logs") && !toolsets.contains("grafana/loki"), toolsets);
        }
    }
}
