package org.toolsetconfig.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a valid configuration file of {@code count} toolsets: {@code ConfigFile <count> <file>}. */
public final class ConfigFile {

    private ConfigFile() {
    }

    /** Writes the file. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[1]), Documents.toolsets(Integer.parseInt(args[0]), 0), StandardCharsets.UTF_8);
    }
}
