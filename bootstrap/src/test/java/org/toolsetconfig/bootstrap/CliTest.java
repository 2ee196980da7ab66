package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

class CliTest {

    private static final String VALID = """
            discovered:
              - name: kubernetes/core
                enabled: true
              - name: prometheus/metrics
                enabled: false
            """;

    private static final String INVALID = """
            discovered:
              - name: kubernetes/core
                enabled: true
              - name: -broken
                enabled: true
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** What {@code serve}'s own log lines said, kept here rather than printed on the build's console. */
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        CommandLine commandLine = Cli.commandLine(environment, settings -> {
            OutputStreamAppender<ILoggingEvent> kept = new OutputStreamAppender<>();
            kept.setOutputStream(console);
            LogSetup.install(settings.get(Setting.LOG_FORMAT), settings.get(Setting.LOG_LEVEL), kept);
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** A command sets up logging for a whole process; the tests' own configuration comes back after each. */
    @AfterEach
    void restoreTheTestLogging() throws JoranException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void versionPrintsTheServiceAndItsVersion() {
        assertEquals(0, run(Map.of(), "--version"));
        assertTrue(out.toString().startsWith("toolset-config-service "), out::toString);
    }

    @Test
    void helpListsTheCommandsAndEverySettingWithItsVariable() {
        assertEquals(0, run(Map.of(), "--help"));

        String help = out.toString();
        assertTrue(help.contains("serve") && help.contains("validate"), help);
        for (Setting<?> setting : Setting.all()) {
            String negatable = "--[no-]" + setting.flag().substring(2);
            assertTrue(help.contains(setting.flag()) || help.contains(negatable),
                    () -> setting.flag() + " missing from\n" + help);
            assertTrue(help.contains(setting.variable()), () -> setting.variable() + " missing from\n" + help);
        }
    }

    @Test
    void helpShowsTheDefaultAndTheAllowedValuesOfEveryOption() {
        assertEquals(0, run(Map.of(), "serve", "--help"));

        String help = out.toString().replaceAll("\\s+", " ");
        for (Setting<?> setting : Setting.all()) {
            String expected = "(" + setting.variable() + "; default: " + setting.shownDefault() + "; allowed: "
                    + setting.kind().allowed() + ")";
            assertTrue(help.contains(expected), () -> expected + " missing from\n" + out);
        }
    }

    @Test
    void validateAcceptsAValidFileWithExitZero(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("toolsets.yaml"), VALID);

        assertEquals(0, run(Map.of(), "validate", file.toString()));

        assertTrue(out.toString().contains("SUCCESS: 1 toolset(s) active: kubernetes/core"), out::toString);
        assertEquals("", err.toString());
    }

    @Test
    void validatePrintsEachProblemWithItsPathAndLineAndExitsOne(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("toolsets.yaml"), INVALID);

        assertEquals(1, run(Map.of(), "validate", file.toString()));

        assertTrue(err.toString().contains("FAILED: 1 error(s)"), err::toString);
        assertTrue(err.toString().contains("ERROR discovered[1].name (line 4, column"), err::toString);
    }

    @Test
    void validateExitsTwoWhenTheFileCannotBeRead(@TempDir Path directory) {
        assertEquals(2, run(Map.of(), "validate", directory.resolve("missing.yaml").toString()));

        assertTrue(err.toString().contains("UNREADABLE: config file"), err::toString);
        assertTrue(err.toString().contains("does not exist"), err::toString);
    }

    @Test
    void validateAppliesTheServicesSizeLimit(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("toolsets.yaml"), VALID);

        assertEquals(2, run(Map.of("TOOLSET_CONFIG_MAX_BYTES", "16"), "validate", file.toString()));

        assertTrue(err.toString().contains("UNREADABLE:") && err.toString().contains("16 bytes")
                && err.toString().contains("TOOLSET_CONFIG_MAX_BYTES"), err::toString);
    }

    @Test
    void validateIgnoresSettingsItDoesNotUse(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("toolsets.yaml"), VALID);

        assertEquals(0, run(Map.of("TOOLSET_HTTP_PORT", "not-a-port"), "validate", file.toString()));
    }

    @Test
    void serveRefusesAnInvalidSettingBeforeDoingAnything() {
        assertEquals(1, run(Map.of("TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "abc")));

        assertTrue(err.toString().startsWith("Invalid setting TOOLSET_MAX_FAILURES_BEFORE_RELOAD=abc: not a whole "
                + "number (allowed: 1 to 10)"), err::toString);
    }

    @Test
    void serveRefusesAnInvalidConfigWithOneLinePerProblemAndTheDevModeHint(@TempDir Path directory)
            throws IOException {
        Path file = Files.writeString(directory.resolve("toolsets.yaml"), INVALID);

        assertEquals(1, run(Map.of("TOOLSET_CONFIG_PATH", file.toString()), "serve", "--port", "0"));

        String[] lines = err.toString().split("\\R");
        assertTrue(lines[0].startsWith("Toolset config invalid: discovered[1].name (line 4, column"), err::toString);
        assertTrue(lines[1].startsWith("To fix it: correct " + file), err::toString);
        assertTrue(lines[2].contains("HOLMESGPT_DEV_MODE=true"), err::toString);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains(" ERROR new_config_validation_failed "),
                () -> console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void serveRefusesAMissingConfigFile(@TempDir Path directory) {
        Path missing = directory.resolve("toolsets.yaml");

        assertEquals(1, run(Map.of(), "--config", missing.toString(), "--port", "0"));

        String[] lines = err.toString().split("\\R");
        assertTrue(lines[0].startsWith("Toolset config invalid: " + missing + ": config file " + missing
                + " does not exist"), err::toString);
        // Nothing to correct in a file that is not there: say how to give one.
        assertTrue(lines[1].startsWith("To fix it: create " + missing + ", or point TOOLSET_CONFIG_PATH"), err::toString);
        assertFalse(err.toString().contains("correct"), err::toString);
        assertTrue(console.toString(StandardCharsets.UTF_8).contains(" ERROR configmap_file_not_found_during_reload "),
                () -> console.toString(StandardCharsets.UTF_8));
    }

    @Test
    void serveRefusesAConfigMapNameKubernetesWouldRefuseNamingTheVariable() {
        assertEquals(1, run(Map.of("TOOLSET_SOURCE", "kubernetes", "TOOLSET_CONFIGMAP_NAMESPACE", "toolsets",
                "TOOLSET_CONFIGMAP_NAME", "Toolset_Config"), "--port", "0"));

        assertTrue(err.toString().startsWith("Service startup failed: TOOLSET_CONFIGMAP_NAME 'Toolset_Config' is "
                + "not a valid Kubernetes name: use lower-case letters"), err::toString);
        assertEquals(1, err.toString().lines().count(), "one line, not Guice's report: " + err);
    }

    @Test
    void helpsDescriptionIsOneParagraphThatWrapsOnlyAtTheTerminalsWidth() {
        String usage = Cli.commandLine(Map.of()).setUsageHelpAutoWidth(false).setUsageHelpWidth(300).getUsageMessage();

        assertTrue(usage.contains("Loads, validates, watches and hot-reloads the toolset configuration of an AI "
                + "investigation engine, and serves it over HTTP. Without a command it runs `serve`. Every option "
                + "overrides the environment variable named in its description."), usage);
    }

    @Test
    void anUnknownOptionIsAOneLineUsageErrorWithExitTwo() {
        assertEquals(2, run(Map.of(), "--no-such-option"));

        // One line: what was wrong and where to look, not the 70-line usage.
        assertEquals("toolset-config-service: Unknown option: '--no-such-option' (see 'toolset-config-service "
                + "--help')", err.toString().strip());
        assertEquals("", out.toString());
    }

    @Test
    void booleanFlagsAreNegatableAndAbsentFlagsLeaveTheVariableInCharge() {
        CommandSpec command = CommandSpec.create();
        SettingsOptions.addTo(command);

        Map<Setting<?>, String> flags = SettingsOptions.given(
                new CommandLine(command).parseArgs("--no-watch", "--dev-mode", "--port", "0"));

        assertEquals(Map.of(Setting.WATCH_ENABLED, "false", Setting.DEV_MODE, "true", Setting.HTTP_PORT, "0"), flags);
        assertFalse(flags.containsKey(Setting.CONFIG_PATH));
    }
}
