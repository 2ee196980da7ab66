package org.toolsetconfig.application.port.in;

import java.time.Duration;
import java.util.Objects;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.ReloadPolicy;

/**
 * The settings of DESIGN.md §4 that the service reports and the core obeys. Out-of-range values are
 * refused with a message naming the setting; the poll interval is clamped by whoever reads it
 * from the environment, not here.
 */
public record ServiceSettings(String configPath, int maxFailuresBeforeReload, Duration reloadCooldown,
                              Duration pollInterval, boolean watchEnabled, Duration watchDebounce,
                              long configMaxBytes, Duration sessionTtl, Duration maxReloadDeferral,
                              int maxTracked, int maxSessions, boolean devMode) {

    /**
     * Checks every value, naming the setting that is wrong.
     *
     * @param configPath where the configuration file is
     * @param maxFailuresBeforeReload consecutive failures that force a re-check, 1 to 10
     * @param reloadCooldown the least time between two forced re-checks of one toolset
     * @param pollInterval how often the file is re-checked as a backstop
     * @param watchEnabled whether file events trigger re-checks
     * @param watchDebounce how long file events are collected into one re-check
     * @param configMaxBytes the largest file that is read
     * @param sessionTtl how old a session may get before it is expired
     * @param maxReloadDeferral how long a pending configuration may wait for sessions
     * @param maxTracked the most toolset names with failure records
     * @param maxSessions the most active sessions
     * @param devMode whether a missing or invalid file at startup is tolerated
     */
    public ServiceSettings {
        Objects.requireNonNull(configPath, "configPath");
        new ReloadPolicy(maxFailuresBeforeReload, Objects.requireNonNull(reloadCooldown, "reloadCooldown"));
        requirePositive("pollInterval", pollInterval);
        Objects.requireNonNull(watchDebounce, "watchDebounce");
        if (watchDebounce.isNegative()) {
            throw new InvalidValueException("watchDebounce must not be negative, was " + watchDebounce.toMillis() + " ms");
        }
        if (configMaxBytes < 1) {
            throw new InvalidValueException("configMaxBytes must be at least 1, was " + configMaxBytes);
        }
        requirePositive("sessionTtl", sessionTtl);
        Objects.requireNonNull(maxReloadDeferral, "maxReloadDeferral");
        if (maxReloadDeferral.isNegative()) {
            throw new InvalidValueException("maxReloadDeferral must not be negative, was "
                    + maxReloadDeferral.toSeconds() + " s");
        }
        if (maxTracked < 1) {
            throw new InvalidValueException("maxTracked must be at least 1, was " + maxTracked);
        }
        if (maxSessions < 1) {
            throw new InvalidValueException("maxSessions must be at least 1, was " + maxSessions);
        }
    }

    /**
     * The defaults of DESIGN.md §4.
     *
     * @return the default settings
     */
    public static ServiceSettings defaults() {
        return new ServiceSettings("/etc/kubernaut/toolsets/toolsets.yaml", 3, Duration.ofSeconds(60),
                Duration.ofSeconds(60), true, Duration.ofMillis(100), 1_048_576, Duration.ofSeconds(600),
                Duration.ofSeconds(600), 1000, 10_000, false);
    }

    /**
     * The re-check rule these settings describe.
     *
     * @return the policy
     */
    public ReloadPolicy reloadPolicy() {
        return new ReloadPolicy(maxFailuresBeforeReload, reloadCooldown);
    }

    /**
     * These settings with another threshold and cooldown.
     *
     * @param threshold consecutive failures that force a re-check
     * @param cooldown the least time between two forced re-checks of one toolset
     * @return the new settings
     */
    public ServiceSettings withReloadPolicy(int threshold, Duration cooldown) {
        return new ServiceSettings(configPath, threshold, cooldown, pollInterval, watchEnabled, watchDebounce,
                configMaxBytes, sessionTtl, maxReloadDeferral, maxTracked, maxSessions, devMode);
    }

    /**
     * These settings with other session limits: TTL, maximum deferral of a pending reload, cap.
     *
     * @param ttl how old a session may get
     * @param deferral how long a pending configuration may wait
     * @param cap the most active sessions
     * @return the new settings
     */
    public ServiceSettings withSessionLimits(Duration ttl, Duration deferral, int cap) {
        return new ServiceSettings(configPath, maxFailuresBeforeReload, reloadCooldown, pollInterval, watchEnabled,
                watchDebounce, configMaxBytes, ttl, deferral, maxTracked, cap, devMode);
    }

    /**
     * These settings with another cap on tracked toolset names.
     *
     * @param cap the most toolset names with failure records
     * @return the new settings
     */
    public ServiceSettings withMaxTracked(int cap) {
        return new ServiceSettings(configPath, maxFailuresBeforeReload, reloadCooldown, pollInterval, watchEnabled,
                watchDebounce, configMaxBytes, sessionTtl, maxReloadDeferral, cap, maxSessions, devMode);
    }

    /**
     * These settings with dev mode on or off.
     *
     * @param on whether dev mode is on
     * @return the new settings
     */
    public ServiceSettings withDevMode(boolean on) {
        return new ServiceSettings(configPath, maxFailuresBeforeReload, reloadCooldown, pollInterval, watchEnabled,
                watchDebounce, configMaxBytes, sessionTtl, maxReloadDeferral, maxTracked, maxSessions, on);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidValueException(name + " must be more than 0, was " + value.toMillis() + " ms");
        }
    }
}
