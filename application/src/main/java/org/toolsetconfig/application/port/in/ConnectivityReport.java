package org.toolsetconfig.application.port.in;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.domain.Redaction;
import org.toolsetconfig.domain.ToolsetName;

/** The result of probing each toolset at startup, in the order the toolsets were given. */
public record ConnectivityReport(List<Entry> entries) {

    /** One toolset and what its probe found. */
    public record Entry(ToolsetName toolset, ProbeResult result) {
        public Entry {
            Objects.requireNonNull(toolset, "toolset");
            Objects.requireNonNull(result, "result");
        }
    }

    public ConnectivityReport {
        entries = List.copyOf(entries);
    }

    /** The entries whose toolset could not be reached. */
    public List<Entry> unavailable() {
        return entries.stream().filter(entry -> entry.result() instanceof ProbeResult.Unreachable).toList();
    }

    /** Whether every probed toolset was reachable (skipped ones count as fine). */
    public boolean allReachable() {
        return unavailable().isEmpty();
    }

    /**
     * The operator's report: {@code Service startup failed: N toolset(s) unavailable:}, one line per
     * toolset with the reason and what to check, then the dev-mode hint. Empty when all are reachable.
     */
    public List<String> failureLines() {
        List<Entry> down = unavailable();
        if (down.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add("Service startup failed: " + down.size() + " toolset(s) unavailable:");
        for (Entry entry : down) {
            ProbeResult.Unreachable result = (ProbeResult.Unreachable) entry.result();
            // Any probe may name a URL with a password in it; this text is printed and logged (§11).
            lines.add("  - " + entry.toolset() + ": " + Redaction.text(result.detail()) + " (check: "
                    + Redaction.text(result.hint()) + ")");
        }
        lines.add("Fix the endpoints in the toolset config (or the services they point at), or set "
                + "TOOLSET_STARTUP_PROBES=false to start without probing; HOLMESGPT_DEV_MODE=true skips "
                + "startup validation for local development.");
        return lines;
    }
}
