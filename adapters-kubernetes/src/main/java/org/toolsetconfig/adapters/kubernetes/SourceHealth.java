package org.toolsetconfig.adapters.kubernetes;

/**
 * The watch's health, read-only, for {@code holmesgpt_config_source_connected} and
 * {@code holmesgpt_config_source_reconnects_total}: the metrics adapter binds a gauge and a counter
 * to these two methods.
 */
public interface SourceHealth {

    /** Whether the watch is established now. */
    boolean connected();

    /** How many times the watch was started again after it ended or failed, since the start. */
    long reconnects();
}
