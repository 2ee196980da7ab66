package org.toolsetconfig.bootstrap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.port.in.ConnectivityReport;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * The running service: the first load (B1/B2) and the startup probes, then each component in
 * order — watcher and poller, session sweeper, HTTP server — and on the way out the same in reverse
 * (B10). The HTTP port opens last, so nothing is served before a valid configuration is active.
 */
final class Service {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    private final ReloadConfigurationUseCase reloads;
    private final ValidateConnectivityUseCase connectivity;
    private final Supplier<List<Toolset>> activeToolsets;
    private final Settings settings;
    private final SourceDescription source;
    private final List<Lifecycle> components;
    private final Deque<Lifecycle> started = new ArrayDeque<>();

    Service(ReloadConfigurationUseCase reloads, ValidateConnectivityUseCase connectivity,
            Supplier<List<Toolset>> activeToolsets, Settings settings, SourceDescription source,
            List<Lifecycle> components) {
        this.reloads = reloads;
        this.connectivity = connectivity;
        this.activeToolsets = activeToolsets;
        this.settings = settings;
        this.source = source;
        this.components = List.copyOf(components);
    }

    /**
     * Loads the configuration and probes its toolsets (both skipped or relaxed in dev mode), then
     * starts every component; stops what it started when one fails.
     */
    synchronized StartResult start() {
        ReloadOutcome firstLoad = reloads.startup();
        if (!settings.get(Setting.DEV_MODE)) {
            if (!(firstLoad instanceof ReloadOutcome.ConfigChanged)) {
                return new StartResult.Refused(firstLoad, refusal(firstLoad));
            }
            // BR-HAPI-186/187: a toolset that cannot be reached at startup stops it, like an
            // invalid file does. Reloads never probe: a toolset that is down is when they matter.
            ConnectivityReport report = connectivity.probe(activeToolsets.get());
            if (!report.allReachable()) {
                return new StartResult.Refused(firstLoad, report.failureLines());
            }
        }
        for (Lifecycle component : components) {
            try {
                component.start();
                started.push(component);
            } catch (RuntimeException e) {
                LOG.atError().setMessage("component_start_failed").addKeyValue("component", component.name())
                        .addKeyValue("error", e.toString()).log();
                stop();
                return new StartResult.Failed(component.name(), e);
            }
        }
        return new StartResult.Started(firstLoad);
    }

    /** Stops the started components, last started first; a failing stop is logged and the rest still stop. */
    synchronized void stop() {
        while (!started.isEmpty()) {
            Lifecycle component = started.pop();
            try {
                component.stop();
            } catch (RuntimeException e) {
                LOG.atError().setMessage("component_stop_failed").addKeyValue("component", component.name())
                        .addKeyValue("error", e.toString()).log();
            }
        }
    }

    /** The names of the running components, in start order. */
    synchronized List<String> running() {
        List<String> names = new ArrayList<>();
        started.descendingIterator().forEachRemaining(c -> names.add(c.name()));
        return names;
    }

    /** B1: one line per problem, then how to fix it and the dev-mode hint. */
    private List<String> refusal(ReloadOutcome outcome) {
        List<String> lines = new ArrayList<>();
        String where = source.location();
        if (outcome instanceof ReloadOutcome.ValidationFailed failed) {
            failed.problems().stream().filter(ValidationProblem::isError)
                    .forEach(p -> lines.add("Toolset config invalid: " + p));
        } else if (outcome instanceof ReloadOutcome.Error error) {
            lines.add("Toolset config invalid: " + where + ": " + error.message());
        } else {
            lines.add("Toolset config invalid: " + where + ": unexpected first load result "
                    + outcome.wireName());
        }
        boolean missing = outcome instanceof ReloadOutcome.Error error && error.kind() == ReloadOutcome.ErrorKind.NOT_FOUND;
        lines.add("To fix it: " + (missing ? source.howToCreate() : source.howToFix()) + " and start again.");
        lines.add("For local development only, HOLMESGPT_DEV_MODE=true skips this check and starts with no toolsets.");
        return lines;
    }
}
