package com.example.webhook.broken;

import org.toolsetconfig.application.port.out.ToolsetEvent;
import org.toolsetconfig.application.port.out.ToolsetEventListener;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.domain.ReloadTrigger;

/**
 * Deliberately broken, kept as a test fixture: it reaches into the application's service implementation to force a
 * reload and prints to stdout. {@link com.example.webhook.WebhookArchitectureTest} proves the rules catch both.
 */
public final class ShortcutWebhookListener implements ToolsetEventListener {

    private final ToolsetConfigCore core;

    public ShortcutWebhookListener(ToolsetConfigCore core) {
        this.core = core;
    }

    @Override
    public void onEvent(ToolsetEvent event) {
        System.out.println("webhook: " + event);
        core.reloads().reload(ReloadTrigger.MANUAL);
    }
}
