/**
 * The file-system adapter: the configuration file as a {@code ConfigSource}
 * ({@link org.toolsetconfig.adapters.filesystem.FileConfigSource}), SnakeYAML as the
 * {@code ConfigDecoder} ({@link org.toolsetconfig.adapters.filesystem.YamlConfigDecoder}), and the
 * watcher and poller that ask for re-checks
 * ({@link org.toolsetconfig.adapters.filesystem.ConfigDirectoryWatcher}). Everything goes through
 * {@code java.nio.file}, so it runs on any {@code FileSystem}: Jimfs in tests, the disk in production.
 */
package org.toolsetconfig.adapters.filesystem;
