package com.example.embedding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.domain.SourcePosition;
import org.toolsetconfig.domain.ToolsetDocument;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * A tiny {@link ConfigDecoder} for a line format, so that this example needs no YAML library: one toolset a line,
 * its name then {@code key=value} fields, {@code #} starts a comment.
 *
 * <pre>
 * kubernetes/core priority=10
 * prometheus/metrics endpoint=http://prometheus:9090
 * grafana/loki enabled=false
 * </pre>
 *
 * <p>It only builds the generic tree a YAML parser would yield; {@link ToolsetDocument#fromTree(Object)} does every
 * validation, exactly as for the YAML file.
 */
public final class LineFormatDecoder implements ConfigDecoder {

    // tag::decode[]
    @Override
    public DecodeResult decode(byte[] bytes) {
        List<Object> discovered = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", words[0]);
            entry.put("enabled", true);
            for (int w = 1; w < words.length; w++) {
                int equals = words[w].indexOf('=');
                if (equals < 1) {
                    return new DecodeResult.Malformed(List.of(ValidationProblem
                            .error("line " + (i + 1), "expected key=value, found '" + words[w] + "'")
                            .at(new SourcePosition(i + 1, lines[i].indexOf(words[w]) + 1))));
                }
                entry.put(words[w].substring(0, equals), scalar(words[w].substring(equals + 1)));
            }
            discovered.add(entry);
        }
        return new DecodeResult.Decoded(ToolsetDocument.fromTree(Map.of("discovered", discovered)));
    }
    // end::decode[]

    /** Booleans and integers as a YAML parser would type them; everything else stays a string. */
    private static Object scalar(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d{1,9}")) {
            return Integer.valueOf(text);
        }
        return text;
    }
}
