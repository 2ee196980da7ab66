package org.toolsetconfig.bootstrap;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.toolsetconfig.domain.Toolset;
import org.toolsetconfig.domain.ToolsetDiff;
import org.toolsetconfig.domain.ValidationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code diff OLD NEW}: what would change for the engine if NEW replaced OLD, the same diff as
 * {@code GET /api/v1/diff} (DESIGN §12). Both files are read and validated as the service reads
 * them; their effective toolsets are compared, so formatting, comments, key order and disabled
 * entries do not count. Field paths only, never values: a changed secret is named, not shown.
 */
@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Compares the effective toolsets of two toolset config files.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the effective toolsets are the same", "1:they differ",
            "2:a file cannot be read or is invalid (its problems are printed)"})
final class DiffCommand implements Callable<Integer> {

    /** Exit code when both files are valid and give the same toolsets. */
    static final int EXIT_SAME = 0;
    /** Exit code when both files are valid and their toolsets differ. */
    static final int EXIT_DIFFERENT = 1;

    private final Map<String, String> environment;

    @Parameters(index = "0", paramLabel = "OLD", description = "The toolsets.yaml in force (or the older one).")
    private String oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The toolsets.yaml that would replace it.")
    private String newFile;

    @Spec
    private CommandSpec spec;

    DiffCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = Cli.out(spec);
        PrintWriter err = Cli.err(spec);
        List<Toolset> before = effective(oldFile, err);
        List<Toolset> after = effective(newFile, err);
        err.flush();
        if (before == null || after == null) {
            return Cli.EXIT_UNREADABLE;
        }
        ToolsetDiff diff = ToolsetDiff.between(before, after);
        out.println("--- " + oldFile);
        out.println("+++ " + newFile);
        lines(diff).forEach(out::println);
        out.flush();
        return diff.isEmpty() ? EXIT_SAME : EXIT_DIFFERENT;
    }

    /** The diff as printed: {@code + name}, {@code - name}, {@code ~ name: field, field}, then a count. */
    static List<String> lines(ToolsetDiff diff) {
        if (diff.isEmpty()) {
            return List.of("the effective toolsets are the same");
        }
        List<String> lines = new java.util.ArrayList<>();
        diff.added().forEach(name -> lines.add("+ " + name));
        diff.removed().forEach(name -> lines.add("- " + name));
        diff.changed().forEach(change -> lines.add("~ " + change.name() + ": " + String.join(", ", change.fields())));
        lines.add(diff.added().size() + " added, " + diff.removed().size() + " removed, " + diff.changed().size()
                + " changed");
        return lines;
    }

    /** The file's effective toolsets, or null after printing why there are none to compare. */
    private List<Toolset> effective(String file, PrintWriter err) {
        ConfigFileCheck.Result result = ConfigFileCheck.check(environment, file, List.of());
        if (result instanceof ConfigFileCheck.Result.SettingsRefused refused) {
            refused.problems().forEach(err::println);
            return null;
        }
        if (result instanceof ConfigFileCheck.Result.Unreadable unreadable) {
            err.println(file + ": UNREADABLE: " + unreadable.message());
            return null;
        }
        ConfigFileCheck.Result.Checked checked = (ConfigFileCheck.Result.Checked) result;
        if (!checked.report().valid()) {
            long errors = checked.report().problems().stream().filter(ValidationProblem::isError).count();
            err.println(file + ": INVALID: " + errors + " error(s)");
            checked.report().problems().forEach(problem -> err.println("  " + ValidateCommand.line(problem)));
            return null;
        }
        return checked.report().toolsets();
    }
}
