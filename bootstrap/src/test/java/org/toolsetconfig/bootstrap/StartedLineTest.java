package org.toolsetconfig.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.toolsetconfig.adapters.http.StatusSource;
import org.toolsetconfig.domain.ConfigSnapshot;

class StartedLineTest {

    @Test
    void theStartedLineCarriesTheSeedFields() {
        Logger log = new LoggerContext().getLogger("org.toolsetconfig.bootstrap.Serve");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        Settings settings = ((SettingsResolution.Resolved) SettingsResolver.resolve(Map.of(
                "TOOLSET_CONFIG_PATH", "/etc/kubernaut/toolsets/toolsets.yaml",
                "TOOLSET_MAX_FAILURES_BEFORE_RELOAD", "5", "TOOLSET_POLL_INTERVAL_SECONDS", "90",
                "HOLMESGPT_DEV_MODE", "true"), Map.of())).settings();

        Serve.started(log, settings, new SourceDescription(Settings.Source.FILE,
                "/etc/kubernaut/toolsets/toolsets.yaml",
                new StatusSource.File("/etc/kubernaut/toolsets/toolsets.yaml"), "create it", "correct it"), 8080, ConfigSnapshot.none(Instant.EPOCH));

        ILoggingEvent line = appender.list.get(0);
        assertEquals("toolset_config_service_started", line.getMessage());
        Map<String, Object> fields = new HashMap<>();
        line.getKeyValuePairs().forEach(kv -> fields.put(kv.key, kv.value));
        assertEquals("/etc/kubernaut/toolsets/toolsets.yaml", fields.get("path"));
        assertEquals("file", fields.get("source"));
        assertEquals(90L, fields.get("poll_interval"));
        assertEquals(5, fields.get("max_failures_before_reload"));
        assertEquals(true, fields.get("dev_mode"));
        assertEquals(8080, fields.get("port"));
    }
}
