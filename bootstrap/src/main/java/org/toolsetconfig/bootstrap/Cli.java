package org.toolsetconfig.bootstrap;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line: {@code serve} (the default), {@code validate FILE}, {@code diff OLD NEW},
 * {@code --version}, {@code --help}. The environment is handed in, so tests run the commands without touching the
 * process's own.
 */
final class Cli {

    /** Exit code of {@code validate} and {@code diff} for a file that cannot be read, of {@code diff} for an invalid one, and of a usage error. */
    static final int EXIT_UNREADABLE = 2;

    private Cli() {
    }

    /** The command line over {@code environment}; call {@link CommandLine#execute} on it. */
    static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, Serve.STDOUT_LOGGING);
    }

    /** The same, with {@code serve}'s logging set up by {@code serveLogging} (tests keep its lines). */
    static CommandLine commandLine(Map<String, String> environment, Consumer<Settings> serveLogging) {
        CommandLine commandLine = new CommandLine(new Root(environment, serveLogging));
        CommandLine serve = new CommandLine(new ServeCommand(environment, serveLogging));
        SettingsOptions.addTo(commandLine.getCommandSpec());
        SettingsOptions.addTo(serve.getCommandSpec());
        commandLine.addSubcommand(serve).addSubcommand(new CommandLine(new ValidateCommand(environment)))
                .addSubcommand(new CommandLine(new DiffCommand(environment)));
        // A usage error is one line and a pointer to --help, not the whole usage (dozens of options).
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(failed.getCommandName() + ": " + e.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            failed.getErr().flush();
            return EXIT_UNREADABLE;
        });
        commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
            // A bug, not an expected outcome: one clear line rather than picocli's stack trace.
            failed.getErr().println(failed.getCommandName() + ": " + e);
            failed.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    @Command(name = "toolset-config-service", mixinStandardHelpOptions = true, versionProvider = Version.class,
            sortOptions = false, usageHelpAutoWidth = true,
            description = "Loads, validates, watches and hot-reloads the toolset configuration of an AI "
                + "investigation engine, and serves it over HTTP. Without a command it runs `serve`. Every option "
                + "overrides the environment variable named in its description.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:stopped by SIGTERM (serve) / the file is valid (validate) / the toolsets are the same (diff)",
                "1:startup refused: invalid config or setting (serve) / the file is invalid (validate) / the "
                    + "toolsets differ (diff)",
                "2:the file cannot be read (validate) / a file cannot be read or is invalid (diff) / a usage error"})
    static final class Root extends ServeCommand {

        Root(Map<String, String> environment, Consumer<Settings> logging) {
            super(environment, logging);
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
            usageHelpAutoWidth = true,
            description = "Runs the service: first load (fail fast), watcher and poller, session sweeper, HTTP API.")
    static class ServeCommand implements Callable<Integer> {

        private final Map<String, String> environment;
        private final Consumer<Settings> logging;

        @Spec
        private CommandSpec spec;

        ServeCommand(Map<String, String> environment, Consumer<Settings> logging) {
            this.environment = environment;
            this.logging = logging;
        }

        @Override
        public Integer call() {
            return new Serve(environment, out(spec), err(spec), logging)
                    .run(SettingsOptions.given(spec.commandLine().getParseResult()));
        }
    }

    static PrintWriter out(CommandSpec spec) {
        return spec.commandLine().getOut();
    }

    static PrintWriter err(CommandSpec spec) {
        return spec.commandLine().getErr();
    }

    /** {@code --version}: the version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"toolset-config-service " + version()};
        }
    }

    /**
     * How to run this build again, for hints printed to the user: {@code java -jar} and the path of the
     * running jar as given on its command line (relative to the working directory when it lies below
     * it), or the README's path when not run from a jar.
     */
    static String jarCommand() {
        String jar = "bootstrap/target/toolset-config-service.jar";
        try {
            java.net.URL location = Cli.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path running = java.nio.file.Path.of(location.toURI());
            if (running.toString().endsWith(".jar")) {
                java.nio.file.Path here = java.nio.file.Path.of("").toAbsolutePath();
                jar = (running.startsWith(here) ? here.relativize(running) : running).toString();
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // No code source (an unusual class loader): the README's path is the best guess.
        }
        return "java -jar " + jar;
    }

    /** The version of the running build, or {@code development} outside the jar. */
    static String version() {
        String version = Cli.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
