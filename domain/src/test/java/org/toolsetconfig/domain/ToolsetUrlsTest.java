package org.toolsetconfig.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolsetUrlsTest {

    @Test
    void findsTheEndpointAndEveryUrlKeyAtAnyDepthThroughLists() {
        Map<String, Object> settings = Map.of(
                "config", Map.of("prometheus_url", "{{ env.PROMETHEUS_URL }}",
                        "headers", Map.of("Authorization", "Bearer x")),
                "clusters", List.of(Map.of("name", "a", "management_url", "https://a:15672"),
                        Map.of("name", "b", "management_url", "https://b:15672")),
                "description", "http://not-a-url-key.example");
        Toolset toolset = new Toolset(ToolsetName.of("rabbitmq/core"), true, 0,
                Optional.of(URI.create("http://explicit:1")), new java.util.TreeMap<>(settings));

        assertEquals(List.of(new ToolsetUrls.Entry("endpoint", "http://explicit:1"),
                new ToolsetUrls.Entry("clusters[0].management_url", "https://a:15672"),
                new ToolsetUrls.Entry("clusters[1].management_url", "https://b:15672"),
                new ToolsetUrls.Entry("config.prometheus_url", "{{ env.PROMETHEUS_URL }}")),
                ToolsetUrls.of(toolset));
    }

    @Test
    void urlEndpointAndCamelCaseKeysCountOthersDoNot() {
        assertEquals(List.of(true, true, true, true, false, false, false),
                List.of("url", "endpoint", "grafana_url", "baseUrl", "urls", "curl", "url_path").stream()
                        .map(ToolsetUrls::isUrlKey).toList());
    }

    @Test
    void aListUnderAUrlKeyGivesEachStringAndBlanksAreSkipped() {
        Toolset toolset = new Toolset(ToolsetName.of("custom/x"), true, 0, Optional.empty(),
                Map.of("url", List.of("http://one", " ", "http://two")));
        assertEquals(List.of(new ToolsetUrls.Entry("url[0]", "http://one"), new ToolsetUrls.Entry("url[2]", "http://two")),
                ToolsetUrls.of(toolset));
    }
}
