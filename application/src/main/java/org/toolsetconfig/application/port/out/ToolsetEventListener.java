package org.toolsetconfig.application.port.out;

/**
 * Receives every event of the service, on the thread that caused it. Metrics and structured
 * logging subscribe here. Keep it quick; an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface ToolsetEventListener {

    void onEvent(ToolsetEvent event);
}
