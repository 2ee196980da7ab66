package org.toolsetconfig.domain;

import java.util.Locale;

/** What asked for a re-check of the configuration file. All triggers go through one serialized reloader. */
public enum ReloadTrigger {
    /** The first load, before the service serves. */
    STARTUP,
    /** A file-system event in the watched directory. */
    WATCH,
    /** The periodic backstop poll. */
    POLL,
    /** A toolset reached its consecutive-failure threshold. */
    FAILURE_THRESHOLD,
    /** An operator asked through the API. */
    MANUAL;

    /** The lower-case name, used in metrics labels, logs and the API. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
