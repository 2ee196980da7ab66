package org.toolsetconfig.adapters.filesystem;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class DiskFileConfigSourceContractTest extends AbstractConfigSourceContractTest {

    @TempDir
    Path directory;

    @Override
    protected ConfigFile createFile() {
        return new PathConfigFile(directory, LIMIT);
    }
}
