package org.toolsetconfig.application.port.in;

import java.time.Duration;
import java.util.Objects;
import org.toolsetconfig.domain.InvalidValueException;
import org.toolsetconfig.domain.ReloadPolicy;

/**
 * The settings the core obeys (DESIGN.md §8): when failures force a re-check, how long sessions and
 * a deferred reload may last, the caps on tracked names (those outside the active configuration)
 * and on sessions, dev mode (a missing or invalid file at startup is tolerated), and how many
 * re-check results the change history keeps. Where the file is and how it is watched belong to the
 * adapters that read it, not here.
 */
public record CoreSettings(ReloadPolicy reloadPolicy, Duration sessionTtl, Duration maxReloadDeferral,
                           int maxTracked, int maxSessions, boolean devMode, int historySize) {

    /** The fewest history entries: the latest change must always be there to be read. */
    public static final int MIN_HISTORY_SIZE = 1;
    /**
     * The most history entries. Each applied entry holds a whole snapshot; a thousand of the largest
     * documents the service accepts still fit in a few hundred MiB, more would not.
     */
    public static final int MAX_HISTORY_SIZE = 1000;
    /** TOOLSET_HISTORY_SIZE's default (DESIGN §4). */
    public static final int DEFAULT_HISTORY_SIZE = 50;

    /** Refuses a value the core cannot work with, naming it. */
    public CoreSettings {
        Objects.requireNonNull(reloadPolicy, "reloadPolicy");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        Objects.requireNonNull(maxReloadDeferral, "maxReloadDeferral");
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new InvalidValueException("sessionTtl must be more than 0, was " + sessionTtl.toMillis() + " ms");
        }
        if (maxReloadDeferral.isNegative()) {
            throw new InvalidValueException("maxReloadDeferral must not be negative, was "
                    + maxReloadDeferral.toSeconds() + " s");
        }
        if (maxTracked < 1 || maxSessions < 1) {
            throw new InvalidValueException("maxTracked and maxSessions must be at least 1, were " + maxTracked
                    + " and " + maxSessions);
        }
        if (historySize < MIN_HISTORY_SIZE || historySize > MAX_HISTORY_SIZE) {
            throw new InvalidValueException("historySize must be between " + MIN_HISTORY_SIZE + " and "
                    + MAX_HISTORY_SIZE + ", was " + historySize);
        }
    }

    /** The settings with the default history size. */
    public CoreSettings(ReloadPolicy reloadPolicy, Duration sessionTtl, Duration maxReloadDeferral, int maxTracked,
                        int maxSessions, boolean devMode) {
        this(reloadPolicy, sessionTtl, maxReloadDeferral, maxTracked, maxSessions, devMode, DEFAULT_HISTORY_SIZE);
    }

    /**
     * The defaults of DESIGN.md §4: 3 failures and 60 s cooldown, sessions expire after 600 s and
     * defer a reload at most 600 s, 1000 tracked names, 10 000 sessions, dev mode off, 50 history entries.
     */
    public static CoreSettings defaults() {
        return new CoreSettings(new ReloadPolicy(3, Duration.ofSeconds(60)), Duration.ofSeconds(600),
                Duration.ofSeconds(600), 1000, 10_000, false);
    }

    /** These settings with another re-check rule. */
    public CoreSettings withReloadPolicy(ReloadPolicy policy) {
        return new CoreSettings(policy, sessionTtl, maxReloadDeferral, maxTracked, maxSessions, devMode, historySize);
    }

    /** These settings with dev mode on or off. */
    public CoreSettings withDevMode(boolean on) {
        return new CoreSettings(reloadPolicy, sessionTtl, maxReloadDeferral, maxTracked, maxSessions, on, historySize);
    }

    /** These settings with another cap on tracked names outside the active configuration. */
    public CoreSettings withMaxTracked(int max) {
        return new CoreSettings(reloadPolicy, sessionTtl, maxReloadDeferral, max, maxSessions, devMode, historySize);
    }

    /** These settings with another bound on the change history. */
    public CoreSettings withHistorySize(int size) {
        return new CoreSettings(reloadPolicy, sessionTtl, maxReloadDeferral, maxTracked, maxSessions, devMode, size);
    }
}
