package org.toolsetconfig.adapters.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.toolsetconfig.application.port.out.ConfigSource;

/** A plain {@code toolsets.yaml} in a directory of any file system, read by a {@link FileConfigSource}. */
final class PathConfigFile implements AbstractConfigSourceContractTest.ConfigFile {

    private final Path file;
    private final FileConfigSource source;

    PathConfigFile(Path directory, long limit) {
        this.file = directory.resolve("toolsets.yaml");
        this.source = new FileConfigSource(file, limit);
    }

    @Override
    public ConfigSource source() {
        return source;
    }

    @Override
    public void write(String content) throws IOException {
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void replaceWithDirectory() throws IOException {
        Files.deleteIfExists(file);
        Files.createDirectory(file);
    }
}
