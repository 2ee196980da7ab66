package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The declarations are the one source of truth: the README's table is checked against them. */
class SettingTest {

    /** The README's table, as the declarations say it should read. */
    static List<String> table() {
        List<String> rows = new ArrayList<>(List.of("| variable | flag | default | allowed | what it does |",
                "|---|---|---|---|---|"));
        for (Setting<?> setting : Setting.all()) {
            String flag = setting.kind().negatable() ? "--[no-]" + setting.flag().substring(2) : setting.flag();
            rows.add("| `" + setting.variable() + "` | `" + flag + "` | " + setting.shownDefault() + " | "
                    + setting.kind().allowed() + " | " + setting.help() + " |");
        }
        return rows;
    }

    @Test
    void theReadmeSettingsTableIsTheDeclarations() throws IOException {
        List<String> readme = Files.readAllLines(YamlFiles.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## Settings");
        List<String> shown = readme.subList(section, readme.size()).stream().dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|")).toList();

        assertEquals(String.join("\n", table()), String.join("\n", shown),
                "README.md's settings table differs from the declarations in Setting.java; paste the expected table");
    }

    @Test
    void aStatusNameIsTheVariableInCamelCaseWithoutItsPrefix() {
        assertEquals("maxFailuresBeforeReload", Setting.MAX_FAILURES_BEFORE_RELOAD.statusName());
        assertEquals("devMode", Setting.DEV_MODE.statusName());
        assertEquals("configPath", Setting.CONFIG_PATH.statusName());
    }
}
