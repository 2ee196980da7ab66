package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.adapters.http.StatusSource;
import org.toolsetconfig.application.port.in.ConnectivityReport;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.testing.LogCapture;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetName;
import org.toolsetconfig.domain.ValidationProblem;

class ServiceTest {

    private static final ReloadOutcome CHANGED = new ReloadOutcome.ConfigChanged(Checksum.sha256(new byte[] {1}),
            ReloadOutcome.Applied.NOW, Set.of());
    private static final ReloadOutcome INVALID = new ReloadOutcome.ValidationFailed(Checksum.sha256(new byte[] {2}),
            List.of(ValidationProblem.error("discovered[1].name", "toolset name is missing or blank")
                            .at(new SourcePosition(4, 5)),
                    ValidationProblem.warning("discovered[0].enabled", "is missing")));
    private static final ReloadOutcome MISSING = new ReloadOutcome.Error(ReloadOutcome.ErrorKind.NOT_FOUND,
            "config file /etc/toolsets.yaml does not exist");

    private static final List<Toolset> TOOLSETS = List.of(new Toolset(ToolsetName.of("prometheus/metrics"), true, 0,
            Optional.of(URI.create("http://prometheus:9090")), Map.of()));

    private final List<String> calls = new ArrayList<>();
    /** The service's own lines: a test that provokes an ERROR asserts on it instead of printing it. */
    private final LogCapture log = LogCapture.of(Service.class.getName());

    @AfterEach
    void releaseTheLog() {
        log.close();
    }

    /** Every toolset reachable, and the probe recorded. */
    private ValidateConnectivityUseCase probes = toolsets -> {
        calls.add("probe " + toolsets.size());
        return new ConnectivityReport(toolsets.stream().map(t -> new ConnectivityReport.Entry(t.name(),
                new ProbeResult.Reachable("http://prometheus:9090", Duration.ZERO))).toList());
    };

    /** The first load answers {@code outcome} and records that it ran. */
    private ReloadConfigurationUseCase firstLoad(ReloadOutcome outcome) {
        return new ReloadConfigurationUseCase() {
            @Override
            public ReloadOutcome reload(ReloadTrigger trigger) {
                throw new AssertionError("only the startup load is expected");
            }

            @Override
            public ReloadOutcome startup() {
                calls.add("first-load");
                return outcome;
            }
        };
    }

    private Lifecycle component(String name) {
        return Lifecycle.of(name, () -> calls.add("start " + name), () -> calls.add("stop " + name));
    }

    private static final SourceDescription FILE_SOURCE = new SourceDescription(Settings.Source.FILE,
            "/etc/kubernaut/toolsets/toolsets.yaml", new StatusSource.File("/etc/kubernaut/toolsets/toolsets.yaml"), "create /etc/kubernaut/toolsets/toolsets.yaml",
            "correct /etc/kubernaut/toolsets/toolsets.yaml (check it with `java -jar toolset-config-service.jar validate "
                    + "/etc/kubernaut/toolsets/toolsets.yaml`)");

    private static Settings settings(boolean devMode) {
        return ((SettingsResolution.Resolved) SettingsResolver.resolve(Map.of("HOLMESGPT_DEV_MODE",
                String.valueOf(devMode)), Map.of())).settings();
    }

    @Test
    void startsTheComponentsInOrderAfterTheFirstLoadAndStopsThemInReverse() {
        Service service = new Service(firstLoad(CHANGED), probes, () -> TOOLSETS, settings(false), FILE_SOURCE,
                List.of(component("watcher"), component("sweeper"), component("http")));

        StartResult result = service.start();
        service.stop();

        assertEquals(new StartResult.Started(CHANGED), result);
        assertEquals(List.of("first-load", "probe 1", "start watcher", "start sweeper", "start http",
                "stop http", "stop sweeper", "stop watcher"), calls);
    }

    @Test
    void anInvalidConfigRefusesToStartAnythingAndSaysHowToFixIt() {
        Service service = new Service(firstLoad(INVALID), probes, () -> TOOLSETS, settings(false), FILE_SOURCE,
                List.of(component("http")));

        StartResult.Refused refused = assertInstanceOf(StartResult.Refused.class, service.start());

        assertEquals(List.of("first-load"), calls, "nothing starts half-way");
        assertEquals("Toolset config invalid: discovered[1].name (line 4, column 5): toolset name is missing or blank",
                refused.lines().get(0));
        assertEquals(3, refused.lines().size(), "warnings are not reasons to refuse: " + refused.lines());
        assertTrue(refused.lines().get(1).contains("validate /etc/kubernaut/toolsets/toolsets.yaml"),
                refused.lines()::toString);
        assertTrue(refused.lines().get(2).contains("HOLMESGPT_DEV_MODE=true"), refused.lines()::toString);
    }

    @Test
    void aMissingFileRefusesToStartNamingThePath() {
        Service service = new Service(firstLoad(MISSING), probes, () -> TOOLSETS, settings(false), FILE_SOURCE,
                List.of(component("http")));

        StartResult.Refused refused = assertInstanceOf(StartResult.Refused.class, service.start());

        assertEquals("Toolset config invalid: /etc/kubernaut/toolsets/toolsets.yaml: config file /etc/toolsets.yaml "
                + "does not exist", refused.lines().get(0));
    }

    @Test
    void anUnreachableToolsetRefusesToStartWithTheProbeReport() {
        probes = toolsets -> new ConnectivityReport(List.of(new ConnectivityReport.Entry(
                ToolsetName.of("prometheus/metrics"), new ProbeResult.Unreachable(ProbeResult.FailureReason.DNS_RESOLUTION_FAILED,
                        "http://prometheus:9090: unknown host", "DNS", Duration.ZERO))));
        Service service = new Service(firstLoad(CHANGED), probes, () -> TOOLSETS, settings(false), FILE_SOURCE,
                List.of(component("http")));

        StartResult.Refused refused = assertInstanceOf(StartResult.Refused.class, service.start());

        assertEquals(List.of("first-load"), calls, "nothing starts half-way");
        assertTrue(refused.lines().get(0).startsWith("Service startup failed: 1 toolset(s) unavailable"),
                refused.lines()::toString);
        assertTrue(refused.lines().get(1).contains("prometheus/metrics"), refused.lines()::toString);
    }

    @Test
    void devModeStartsDespiteAnInvalidConfig() {
        Service service = new Service(firstLoad(INVALID), probes, () -> TOOLSETS, settings(true), FILE_SOURCE,
                List.of(component("http")));

        assertEquals(new StartResult.Started(INVALID), service.start());
        assertEquals(List.of("first-load", "start http"), calls, "dev mode skips the startup probes");
    }

    @Test
    void aComponentThatCannotStartStopsTheOnesBeforeIt() {
        IllegalStateException portInUse = new IllegalStateException("port 8080 in use");
        Lifecycle http = Lifecycle.of("http", () -> {
            throw portInUse;
        }, () -> calls.add("stop http"));
        Service service = new Service(firstLoad(CHANGED), probes, () -> TOOLSETS, settings(false), FILE_SOURCE,
                List.of(component("watcher"), http, component("never")));

        assertEquals(new StartResult.Failed("http", portInUse), service.start());
        assertEquals(List.of("first-load", "probe 1", "start watcher", "stop watcher"), calls);
        ILoggingEvent failed = log.only("component_start_failed");
        assertEquals(Level.ERROR, failed.getLevel());
        assertEquals("http", LogCapture.fields(failed).get("component"));
    }

    @Test
    void aComponentThatFailsToStopDoesNotKeepTheOthersRunning() {
        Lifecycle stubborn = Lifecycle.of("stubborn", () -> calls.add("start stubborn"), () -> {
            throw new IllegalStateException("stuck");
        });
        Service service = new Service(firstLoad(CHANGED), probes, () -> TOOLSETS, settings(false), FILE_SOURCE,
                List.of(component("watcher"), stubborn));
        service.start();

        service.stop();
        service.stop();

        assertEquals(List.of("first-load", "probe 1", "start watcher", "start stubborn", "stop watcher"), calls);
        assertEquals(List.of(), service.running());
        ILoggingEvent failed = log.only("component_stop_failed");
        assertEquals(Level.ERROR, failed.getLevel());
        assertEquals("stubborn", LogCapture.fields(failed).get("component"));
    }
}
