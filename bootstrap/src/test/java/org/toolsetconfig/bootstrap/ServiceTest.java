package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.application.port.in.ReloadConfigurationUseCase;
import org.toolsetconfig.application.port.in.ServiceSettings;
import org.toolsetconfig.domain.Checksum;
import org.toolsetconfig.domain.ReloadOutcome;
import org.toolsetconfig.domain.ReloadTrigger;
import org.toolsetconfig.domain.SourcePosition;
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

    private final List<String> calls = new ArrayList<>();

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

    private static ServiceSettings settings(boolean devMode) {
        return ServiceSettings.defaults().withDevMode(devMode);
    }

    @Test
    void startsTheComponentsInOrderAfterTheFirstLoadAndStopsThemInReverse() {
        Service service = new Service(firstLoad(CHANGED), settings(false),
                List.of(component("watcher"), component("sweeper"), component("http")));

        StartResult result = service.start();
        service.stop();

        assertEquals(new StartResult.Started(CHANGED), result);
        assertEquals(List.of("first-load", "start watcher", "start sweeper", "start http",
                "stop http", "stop sweeper", "stop watcher"), calls);
    }

    @Test
    void anInvalidConfigRefusesToStartAnythingAndSaysHowToFixIt() {
        Service service = new Service(firstLoad(INVALID), settings(false), List.of(component("http")));

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
        Service service = new Service(firstLoad(MISSING), settings(false), List.of(component("http")));

        StartResult.Refused refused = assertInstanceOf(StartResult.Refused.class, service.start());

        assertEquals("Toolset config invalid: /etc/kubernaut/toolsets/toolsets.yaml: config file /etc/toolsets.yaml "
                + "does not exist", refused.lines().get(0));
    }

    @Test
    void devModeStartsDespiteAnInvalidConfig() {
        Service service = new Service(firstLoad(INVALID), settings(true), List.of(component("http")));

        assertEquals(new StartResult.Started(INVALID), service.start());
        assertEquals(List.of("first-load", "start http"), calls);
    }

    @Test
    void aComponentThatCannotStartStopsTheOnesBeforeIt() {
        IllegalStateException portInUse = new IllegalStateException("port 8080 in use");
        Lifecycle http = Lifecycle.of("http", () -> {
            throw portInUse;
        }, () -> calls.add("stop http"));
        Service service = new Service(firstLoad(CHANGED), settings(false),
                List.of(component("watcher"), http, component("never")));

        assertEquals(new StartResult.Failed("http", portInUse), service.start());
        assertEquals(List.of("first-load", "start watcher", "stop watcher"), calls);
    }

    @Test
    void aComponentThatFailsToStopDoesNotKeepTheOthersRunning() {
        Lifecycle stubborn = Lifecycle.of("stubborn", () -> calls.add("start stubborn"), () -> {
            throw new IllegalStateException("stuck");
        });
        Service service = new Service(firstLoad(CHANGED), settings(false), List.of(component("watcher"), stubborn));
        service.start();

        service.stop();
        service.stop();

        assertEquals(List.of("first-load", "start watcher", "start stubborn", "stop watcher"), calls);
        assertEquals(List.of(), service.running());
    }
}
