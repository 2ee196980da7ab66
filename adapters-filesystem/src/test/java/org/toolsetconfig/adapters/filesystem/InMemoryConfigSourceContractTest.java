package org.toolsetconfig.adapters.filesystem;

import java.nio.charset.StandardCharsets;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;

/** The application tests' fake keeps the same contract as the real file source. */
class InMemoryConfigSourceContractTest extends AbstractConfigSourceContractTest {

    @Override
    protected ConfigFile createFile() {
        InMemoryConfigSource fake = new InMemoryConfigSource("");
        return new ConfigFile() {
            @Override
            public ConfigSource source() {
                return fake;
            }

            @Override
            public void write(String content) {
                // The fake has no size limit of its own: a test states the outcome the limit gives.
                if (content.getBytes(StandardCharsets.UTF_8).length > LIMIT) {
                    fake.makeUnavailable(ErrorKind.TOO_LARGE);
                } else {
                    fake.write(content);
                }
            }

            @Override
            public void delete() {
                fake.makeUnavailable(ErrorKind.NOT_FOUND);
            }

            @Override
            public void replaceWithDirectory() {
                fake.makeUnavailable(ErrorKind.NOT_A_FILE);
            }
        };
    }
}
