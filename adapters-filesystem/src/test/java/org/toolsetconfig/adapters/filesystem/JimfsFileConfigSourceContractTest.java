package org.toolsetconfig.adapters.filesystem;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;

class JimfsFileConfigSourceContractTest extends AbstractConfigSourceContractTest {

    private FileSystem fileSystem;

    @Override
    protected ConfigFile createFile() throws IOException {
        fileSystem = Jimfs.newFileSystem(Configuration.unix());
        return new PathConfigFile(Files.createDirectories(fileSystem.getPath("/etc/kubernaut/toolsets")), LIMIT);
    }

    @AfterEach
    void closeTheFileSystem() throws IOException {
        fileSystem.close();
    }
}
