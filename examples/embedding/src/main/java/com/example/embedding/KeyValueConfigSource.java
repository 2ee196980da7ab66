package com.example.embedding;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.toolsetconfig.application.port.out.ConfigSource;
import org.toolsetconfig.application.port.out.SourceRead;
import org.toolsetconfig.domain.ReloadOutcome.ErrorKind;
import org.toolsetconfig.domain.RevisionStamp;

/**
 * A {@link ConfigSource} that reads the toolsets document from one key of a key-value store the host already keeps
 * up to date (its own config-service client, a database row, a feature-flag cache), instead of a mounted file.
 */
public final class KeyValueConfigSource implements ConfigSource {

    /** The same bound the file source has by default (TOOLSET_CONFIG_MAX_BYTES). */
    public static final int MAX_BYTES = 1_048_576;

    private final Map<String, String> store;
    private final String key;
    private final Clock clock;

    /**
     * @param store a thread-safe map the host updates; read on every re-check
     * @param key the key holding the document
     * @param clock the core's clock, to stamp each read
     */
    public KeyValueConfigSource(Map<String, String> store, String key, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // tag::read[]
    @Override
    public SourceRead read() {
        String text = store.get(key);
        if (text == null) {
            return new SourceRead.Unavailable(ErrorKind.NOT_FOUND, "the store has no value under '" + key + "'");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            return new SourceRead.Unavailable(ErrorKind.TOO_LARGE,
                    "'" + key + "' holds " + bytes.length + " bytes, more than " + MAX_BYTES);
        }
        // A store has no mtime: the stamp is only reported. Whether the content changed is decided by its SHA-256.
        return new SourceRead.Content(bytes, new RevisionStamp(clock.instant(), bytes.length));
    }
    // end::read[]
}
