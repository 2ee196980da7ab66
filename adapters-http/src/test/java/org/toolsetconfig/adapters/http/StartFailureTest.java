package org.toolsetconfig.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.toolsetconfig.application.service.ToolsetConfigCore;
import org.toolsetconfig.application.testing.InMemoryConfigSource;
import org.toolsetconfig.application.testing.LineDecoder;

/** A server that cannot listen says why: a bad host is not reported as a port in use. */
class StartFailureTest {

    private final ToolsetConfigCore core = ToolsetConfigCore.builder()
            .configSource(new InMemoryConfigSource(ApiFixture.CONFIG)).configDecoder(new LineDecoder())
            .structuredLogging(false).build();

    // Javalin logs its own ERROR line for a failed start; it is captured here and asserted on.
    private final Logger javalin = (Logger) LoggerFactory.getLogger("io.javalin.Javalin");
    private final ListAppender<ILoggingEvent> javalinLog = new ListAppender<>();

    @BeforeEach
    void captureJavalinLog() {
        javalinLog.start();
        javalin.addAppender(javalinLog);
        javalin.setAdditive(false);
    }

    @AfterEach
    void releaseJavalinLog() {
        javalin.detachAppender(javalinLog);
        javalin.setAdditive(true);
        assertEquals(List.of("Failed to start Javalin"), javalinLog.list.stream()
                .map(ILoggingEvent::getFormattedMessage).toList());
    }

    private HttpApiServer server(HttpSettings settings) {
        return new HttpApiServer(core.outcomes(), core.investigations(), core.reloads(), core.sessions(),
                core.queries(), core.validation(), core.history(), core.events(), () -> "", settings);
    }

    @Test
    void aHostThatIsNoAddressIsReportedAsABadHost() {
        HttpApiServer server = server(HttpSettings.open("999.1.1.1", 0, ApiFixture.REPORTED));

        IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);

        assertTrue(refused.getMessage().contains("'999.1.1.1' is neither an IP address nor a name that resolves"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("--host"), refused.getMessage());
        assertFalse(refused.getMessage().contains("in use"), refused.getMessage());
        server.stop();
    }

    @Test
    void aPortInUseIsReportedAsAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HttpApiServer server = server(HttpSettings.open("127.0.0.1", taken.getLocalPort(), ApiFixture.REPORTED));

            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);

            assertTrue(refused.getMessage().contains("127.0.0.1:" + taken.getLocalPort()
                    + ": the port is already in use"), refused.getMessage());
            server.stop();
        }
    }
}
