package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String R = Redaction.REDACTED;

    @Test
    void keysNamingASecretAreRecognisedByTheirWordsInAnyCase() {
        for (String key : List.of("password", "PASSWORD", "passwd", "client_secret", "token", "bearerToken",
                "api_key", "apiKey", "API-KEY", "APIKey", "apikey", "dd_api_key", "Authorization", "auth",
                "credentials", "credential", "private_key", "aws_access_key", "cookie", "session_key",
                "prometheus.password", "X-Auth-Token")) {
            assertTrue(Redaction.isSecretKey(key), key);
        }
        for (String key : List.of("url", "max_tokens", "author", "oauth_url", "passing", "key", "dd_app_key_id_x",
                "tokenizer", "description")) {
            assertFalse(Redaction.isSecretKey(key), key);
        }
    }

    @Test
    void secretValuesAreReplacedAtAnyDepthListsIncluded() {
        Map<String, Object> settings = Map.of("config", Map.of(
                "api_key", "sk-live-123",
                "headers", Map.of("Authorization", "Bearer abc.def", "Accept", "application/json"),
                "clusters", List.of(Map.of("id", "rabbit", "username", "user", "password", "hunter2")),
                "tokens", List.of("t1"),
                "auth", Map.of("username", "bob", "password", "pw", "port", 5432)));

        Map<String, Object> shown = Redaction.settings(settings);

        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) shown.get("config");
        assertEquals(R, config.get("api_key"));
        assertEquals(Map.of("Authorization", R, "Accept", "application/json"), config.get("headers"));
        assertEquals(List.of(Map.of("id", "rabbit", "username", "user", "password", R)), config.get("clusters"));
        assertEquals(List.of("t1"), config.get("tokens"), "plural 'tokens' is a count or a list, not a secret");
        assertEquals(Map.of("username", R, "password", R, "port", R), config.get("auth"),
                "everything under a secret key is secret, numbers included");
        assertFalse(shown.toString().contains("sk-live-123") || shown.toString().contains("hunter2")
                || shown.toString().contains("abc.def"), shown::toString);
    }

    @Test
    void anEnvReferenceIsShownAsWrittenButNotWhenMixedWithLiteralText() {
        Map<String, Object> shown = Redaction.settings(Map.of(
                "api_key", "{{env.GRAFANA_API_KEY}}",
                "password", "{{ env.DB_PASSWORD }}",
                "Authorization", "Bearer {{ env.TOKEN }}",
                "url", "{{ env.GRAFANA_URL }}"));

        assertEquals("{{env.GRAFANA_API_KEY}}", shown.get("api_key"));
        assertEquals("{{ env.DB_PASSWORD }}", shown.get("password"));
        assertEquals(R, shown.get("Authorization"));
        assertEquals("{{ env.GRAFANA_URL }}", shown.get("url"));
    }

    @Test
    void nullsStayNullAndTheResultIsUnmodifiableInKeyOrder() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("z", 1);
        settings.put("password", null);
        settings.put("a", List.of("x"));

        Map<String, Object> shown = Redaction.settings(settings);

        assertEquals(List.of("z", "password", "a"), List.copyOf(shown.keySet()));
        assertEquals(null, shown.get("password"));
        assertThrows(UnsupportedOperationException.class, () -> shown.put("b", 2));
    }

    @Test
    void urlsLoseTheirUserInfoPasswordAndSecretQueryValues() {
        assertEquals("https://admin:" + R + "@prom.example:9090/api?x=1",
                Redaction.url("https://admin:s3cret@prom.example:9090/api?x=1"));
        assertEquals("http://loki/x?token=" + R + "&limit=10&api_key=" + R + "&key=" + R + "&sig=" + R
                        + "&X-Amz-Signature=" + R + "&access_token=" + R,
                Redaction.url("http://loki/x?token=t0k&limit=10&api_key=k1&key=k2&sig=s1&X-Amz-Signature=s2"
                        + "&access_token=a1"));
        assertEquals("https://app/cb#access_token=" + R + "&state=xyz",
                Redaction.url("https://app/cb#access_token=abc&state=xyz"));
        assertEquals("http://user@host/path", Redaction.url("http://user@host/path"), "no password, nothing hidden");
        assertEquals("http://u:{{ env.PW }}@host/?token={{env.T}}", Redaction.url("http://u:{{ env.PW }}@host/?token={{env.T}}"));
        assertEquals("http://host/?token=", Redaction.url("http://host/?token="), "an empty value hides nothing");
        assertEquals("not a url", Redaction.url("not a url"));
    }

    @Test
    void urlsInsideTextAndInPlainSettingsValuesAreRedacted() {
        String report = "GET https://bob:pw1@grafana:3000/api/health?api_key=zzz failed: connection refused";
        assertEquals("GET https://bob:" + R + "@grafana:3000/api/health?api_key=" + R
                + " failed: connection refused", Redaction.text(report));
        assertEquals(Redaction.text(report), Redaction.text(Redaction.text(report)), "redacting twice changes nothing");

        Map<String, Object> shown = Redaction.settings(Map.of("prometheus_url", "http://u:pw2@prom:9090",
                "args", List.of("--url=https://x:pw3@h/")));
        assertEquals("http://u:" + R + "@prom:9090", shown.get("prometheus_url"));
        assertEquals(List.of("--url=https://x:" + R + "@h/"), shown.get("args"));
    }

    @Test
    void aToolsetOrOverrideInALogLineOrAProblemMessageShowsNoSecret() {
        Toolset toolset = new Toolset(ToolsetName.of("grafana/loki"), true, 0,
                java.util.Optional.of(java.net.URI.create("https://u:pw4@loki:3100")), Map.of("api_key", "k5"));
        ToolsetOverride override = new ToolsetOverride(java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), Map.of("password", "pw6"));

        assertFalse(toolset.toString().contains("pw4") || toolset.toString().contains("k5"), toolset::toString);
        assertTrue(toolset.toString().contains("loki:3100"), toolset::toString);
        assertFalse(override.toString().contains("pw6"), override::toString);

        ToolsetDocument document = ToolsetDocument.fromTree(Map.of("toolsets", Map.of("grafana/loki",
                Map.of("enabled", true, "endpoint", "ftp://u:pw7@loki"))));
        assertTrue(document.hasErrors());
        assertFalse(document.problems().toString().contains("pw7"), document.problems()::toString);
    }
}
