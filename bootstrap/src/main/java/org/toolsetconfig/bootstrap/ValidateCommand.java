package org.toolsetconfig.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.toolsetconfig.application.port.in.ValidateConfigurationUseCase;
import org.toolsetconfig.application.port.in.ValidationReport;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ValidationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE}: the checks of a reload, nothing applied, like {@code promtool check config}.
 * Exit 0 valid, 1 invalid, 2 unreadable. The file is read exactly as the service reads it (same
 * source, same {@code TOOLSET_CONFIG_MAX_BYTES}, same decoder and rules).
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Checks a toolset config file and prints each problem with its path and line.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:invalid (at least one ERROR)", "2:cannot be read"})
final class ValidateCommand implements Callable<Integer> {

    private final Map<String, String> environment;

    @Parameters(paramLabel = "FILE", description = "The toolsets.yaml to check.")
    private String file;

    @Spec
    private CommandSpec spec;

    ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        SettingsResolution resolution = SettingsResolver.resolve(fileLimitOnly(), Map.of(Setting.CONFIG_PATH, file));
        if (resolution instanceof SettingsResolution.Rejected rejected) {
            rejected.problems().forEach(err::println);
            err.flush();
            return Cli.EXIT_UNREADABLE;
        }
        Settings settings = ((SettingsResolution.Resolved) resolution).settings();
        // The report is this command's stdout; keep log lines (decoder warnings) off it.
        LogSetup.apply(Settings.LogFormat.TEXT, org.slf4j.event.Level.WARN, LogSetup.Target.STDERR);
        Injector injector = Guice.createInjector(new SettingsModule(settings), new FilesystemAdapterModule(),
                new CoreModule());
        out.println("Checking " + file);
        SourceRead read = injector.getInstance(ConfigSource.class).read();
        if (read instanceof SourceRead.Unavailable unavailable) {
            out.flush();
            err.println("  UNREADABLE: " + unavailable.message());
            err.flush();
            return Cli.EXIT_UNREADABLE;
        }
        ValidationReport report = injector.getInstance(ValidateConfigurationUseCase.class)
                .validate(((SourceRead.Content) read).bytes());
        return print(report, out, err);
    }

    private Map<String, String> fileLimitOnly() {
        String variable = Setting.CONFIG_MAX_BYTES.variable();
        String limit = environment.get(variable);
        return limit == null ? Map.of() : Map.of(variable, limit);
    }

    private static int print(ValidationReport report, PrintWriter out, PrintWriter err) {
        if (report.valid()) {
            out.println("  SUCCESS: " + report.toolsets().size() + " toolset(s) active"
                    + (report.toolsets().isEmpty() ? "" : ": " + report.toolsets().stream()
                    .map(Toolset::name).map(Object::toString).collect(Collectors.joining(", "))));
            report.problems().forEach(p -> out.println("  " + line(p)));
            out.flush();
            return 0;
        }
        out.flush();
        long errors = report.problems().stream().filter(ValidationProblem::isError).count();
        err.println("  FAILED: " + errors + " error(s)");
        report.problems().forEach(p -> err.println("  " + line(p)));
        err.flush();
        return 1;
    }

    /** {@code ERROR discovered[1].name (line 4, column 11): message} */
    private static String line(ValidationProblem problem) {
        return problem.severity() + " " + problem;
    }
}
