package org.toolsetconfig.bootstrap;

import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.toolsetconfig.adapters.http.probe.HttpToolsetProbe;
import org.toolsetconfig.application.port.in.ConnectivityReport;
import org.toolsetconfig.application.port.in.ValidateConnectivityUseCase;
import org.toolsetconfig.application.port.in.ValidationReport;
import org.toolsetconfig.application.port.out.ProbeResult;
import org.toolsetconfig.application.port.out.ToolsetProbe;
import org.toolsetconfig.domain.Redaction;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ValidationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate FILE}: the checks of a reload, nothing applied, like {@code promtool check config}.
 * Exit 0 valid, 1 invalid, 2 unreadable. The file is read exactly as the service reads it (same
 * source, same {@code TOOLSET_CONFIG_MAX_BYTES}, same decoder and rules). With {@code --probe} a valid
 * file's toolsets are then probed exactly as at startup (same probes, same timeouts); an
 * unreachable one makes the exit code 1.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Checks a toolset config file and prints each problem with its path and line.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid (and, with --probe, every toolset reachable)",
            "1:invalid (at least one ERROR), or an unreachable toolset with --probe", "2:cannot be read"})
final class ValidateCommand implements Callable<Integer> {

    private final Map<String, String> environment;

    @Parameters(paramLabel = "FILE", description = "The toolsets.yaml to check.")
    private String file;

    @Option(names = "--probe", description = "Also probe each enabled toolset as the service does at startup "
            + "(TOOLSET_PROBE_TIMEOUT_SECONDS, TOOLSET_PROBE_TOTAL_TIMEOUT_SECONDS apply).")
    private boolean probe;

    @Spec
    private CommandSpec spec;

    ValidateCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        List<Module> extra = probe
                ? List.of(binder -> OptionalBinder.newOptionalBinder(binder, ToolsetProbe.class).setBinding()
                        .toInstance(new HttpToolsetProbe()))
                : List.of();
        ConfigFileCheck.Result result = ConfigFileCheck.check(environment, file, extra);
        if (result instanceof ConfigFileCheck.Result.SettingsRefused refused) {
            refused.problems().forEach(err::println);
            err.flush();
            return Cli.EXIT_UNREADABLE;
        }
        out.println("Checking " + file);
        if (result instanceof ConfigFileCheck.Result.Unreadable unreadable) {
            out.flush();
            err.println("  UNREADABLE: " + unreadable.message());
            err.flush();
            return Cli.EXIT_UNREADABLE;
        }
        ConfigFileCheck.Result.Checked checked = (ConfigFileCheck.Result.Checked) result;
        int verdict = print(checked.report(), out, err);
        if (verdict != 0 || !probe) {
            return verdict;
        }
        return printProbes(checked.injector().getInstance(ValidateConnectivityUseCase.class)
                .probe(checked.report().toolsets()), out, err);
    }

    private static int printProbes(ConnectivityReport report, PrintWriter out, PrintWriter err) {
        for (ConnectivityReport.Entry entry : report.entries()) {
            ProbeResult result = entry.result();
            if (result instanceof ProbeResult.Reachable up) {
                out.println("  REACHABLE " + entry.toolset() + ": " + up.target() + " (" + up.duration().toMillis()
                        + " ms)");
            } else if (result instanceof ProbeResult.Skipped skipped) {
                out.println("  SKIPPED " + entry.toolset() + ": " + skipped.note());
            }
        }
        out.flush();
        if (report.allReachable()) {
            return 0;
        }
        // This command's own wording: nothing is starting, so the service's "startup failed" would mislead.
        for (ConnectivityReport.Entry entry : report.unavailable()) {
            ProbeResult.Unreachable down = (ProbeResult.Unreachable) entry.result();
            err.println("  UNREACHABLE " + entry.toolset() + ": " + Redaction.text(down.detail()) + " (check: "
                    + Redaction.text(down.hint()) + ")");
        }
        err.println("  FAILED: " + report.unavailable().size() + " of " + report.entries().size()
                + " toolset(s) unreachable");
        err.flush();
        return 1;
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
    static String line(ValidationProblem problem) {
        return problem.severity() + " " + problem;
    }
}
