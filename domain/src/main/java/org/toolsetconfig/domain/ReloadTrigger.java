package org.toolsetconfig.domain;

/** What asked for a re-check of the configuration file. All triggers go through one serialized reloader. */
public enum ReloadTrigger {
    /** The first load, before the service serves. */
    STARTUP("startup"),
    /** A file-system event in the watched directory. */
    WATCH("watch"),
    /** The periodic backstop poll. */
    POLL("poll"),
    /** A toolset reached its consecutive-failure threshold. */
    FAILURE_THRESHOLD("failure_threshold"),
    /** An operator asked through the API. */
    MANUAL("manual");

    private final String wireName;

    ReloadTrigger(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in metrics labels, logs and the API. */
    public String wireName() {
        return wireName;
    }
}
