package org.toolsetconfig.adapters.filesystem.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * A Kubernetes ConfigMap volume on any {@code java.nio} file system (Jimfs or the real disk),
 * written exactly as kubelet's atomic writer does (DESIGN.md §6):
 * <ol>
 *   <li>the payload goes into a new directory {@code ..<timestamp>.<random>};</li>
 *   <li>a symlink {@code ..data_tmp -> ..<timestamp>.<random>} is created;</li>
 *   <li>{@code ..data_tmp} is renamed over {@code ..data} (one atomic rename);</li>
 *   <li>each key is visible as {@code <key> -> ..data/<key>} (created when missing, removed when
 *       the key leaves the payload);</li>
 *   <li>the old timestamped directory is deleted.</li>
 * </ol>
 * A reader that follows {@code <key>} sees the old bytes or the new bytes, never a mix. Like
 * kubelet, an update whose payload equals the current one writes nothing.
 */
public final class ConfigMapVolume {

    /** The symlink to the current timestamped payload directory. */
    public static final String DATA = "..data";
    /** The symlink created next, then renamed over {@link #DATA}. */
    public static final String DATA_TMP = "..data_tmp";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.").withZone(ZoneOffset.UTC);

    private final Path directory;
    private Map<String, String> payload = Map.of();

    private ConfigMapVolume(Path directory) {
        this.directory = directory;
    }

    /** Mounts a volume at {@code directory} (created if needed) holding one key. */
    public static ConfigMapVolume mount(Path directory, String key, String content) {
        return mount(directory, Map.of(key, content));
    }

    /** Mounts a volume at {@code directory} (created if needed) holding {@code files}, key to content. */
    public static ConfigMapVolume mount(Path directory, Map<String, String> files) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConfigMapVolume volume = new ConfigMapVolume(directory);
        volume.write(files);
        return volume;
    }

    /** The mount directory: what the watcher watches. */
    public Path directory() {
        return directory;
    }

    /** The user-visible path of {@code key}: a symlink to {@code ..data/<key>}. */
    public Path file(String key) {
        return directory.resolve(key);
    }

    /** Atomically replaces the payload with one key. */
    public void update(String key, String content) {
        update(Map.of(key, content));
    }

    /** Atomically replaces the whole payload; keys not in {@code files} disappear. */
    public void update(Map<String, String> files) {
        write(files);
    }

    /** The timestamped directory {@code ..data} points at now. */
    public Optional<Path> currentDataDirectory() {
        Path data = directory.resolve(DATA);
        if (!Files.isSymbolicLink(data)) {
            return Optional.empty();
        }
        try {
            return Optional.of(directory.resolve(Files.readSymbolicLink(data)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void write(Map<String, String> files) {
        Map<String, String> next = new LinkedHashMap<>(files);
        if (next.equals(payload) && Files.exists(directory.resolve(DATA), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Optional<Path> oldDataDirectory = currentDataDirectory();
            List<String> removedKeys = new ArrayList<>(payload.keySet());
            removedKeys.removeAll(next.keySet());

            Path dataDirectory = createTimestampedDirectory();
            for (Map.Entry<String, String> entry : next.entrySet()) {
                Files.write(dataDirectory.resolve(entry.getKey()), entry.getValue().getBytes(StandardCharsets.UTF_8));
            }

            Path dataTmp = directory.resolve(DATA_TMP);
            Files.deleteIfExists(dataTmp);
            Files.createSymbolicLink(dataTmp, dataDirectory.getFileName());
            Files.move(dataTmp, directory.resolve(DATA), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);

            for (String key : next.keySet()) {
                Path visible = directory.resolve(key);
                if (!Files.exists(visible, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(visible, directory.getFileSystem().getPath(DATA, key));
                }
            }
            for (String key : removedKeys) {
                Files.deleteIfExists(directory.resolve(key));
            }
            // Like kubelet's RemoveAll, an old directory that is already gone is not an error.
            if (oldDataDirectory.isPresent() && Files.exists(oldDataDirectory.get(), LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(oldDataDirectory.get());
            }
            payload = next;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path createTimestampedDirectory() throws IOException {
        String prefix = TIMESTAMP.format(Instant.now());
        while (true) {
            try {
                // os.MkdirTemp in kubelet: the timestamp plus a random suffix.
                return Files.createDirectory(directory.resolve(prefix + ThreadLocalRandom.current().nextInt(1_000_000_000)));
            } catch (FileAlreadyExistsException e) {
                // try another suffix
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
