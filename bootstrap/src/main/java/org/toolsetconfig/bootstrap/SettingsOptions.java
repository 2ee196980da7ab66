package org.toolsetconfig.bootstrap;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command-line flag of each declared {@link Setting}, overriding its variable. Values stay text
 * and are checked by {@link SettingsResolver}, so a bad flag and a bad variable get the same message.
 */
final class SettingsOptions {

    private SettingsOptions() {
    }

    /** Adds one option per setting to {@code command}; its help names the variable, the default and what is allowed. */
    static void addTo(CommandSpec command) {
        for (Setting<?> setting : Setting.all()) {
            boolean negatable = setting.kind().negatable();
            command.addOption(OptionSpec.builder(setting.flag())
                    .type(negatable ? Boolean.class : String.class)
                    .arity(negatable ? "0" : "1")
                    .negatable(negatable)
                    .paramLabel(setting.kind().label())
                    .description(setting.help() + " (" + setting.variable() + "; default: " + setting.shownDefault()
                            + "; allowed: " + setting.kind().allowed() + ")")
                    .build());
        }
    }

    /** The settings given as flags, as text. */
    static Map<Setting<?>, String> given(ParseResult parsed) {
        Map<Setting<?>, String> given = new HashMap<>();
        for (Setting<?> setting : Setting.all()) {
            if (parsed.hasMatchedOption(setting.flag())) {
                given.put(setting, String.valueOf((Object) parsed.matchedOptionValue(setting.flag(), null)));
            }
        }
        return given;
    }
}
