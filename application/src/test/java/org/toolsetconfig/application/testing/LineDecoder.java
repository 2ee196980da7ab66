package org.toolsetconfig.application.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.toolsetconfig.application.port.out.ConfigDecoder;
import org.toolsetconfig.application.port.out.DecodeResult;
import org.toolsetconfig.domain.ToolsetDocument;
import org.toolsetconfig.domain.ValidationProblem;

/**
 * A tiny stand-in for the YAML decoder: one toolset a line, {@code name} or {@code name disabled}
 * or {@code name priority=5}, {@code pattern=REGEX} (one failure pattern each, no spaces) and
 * {@code url=URL} (its {@code config.url}); {@code implicit} leaves {@code enabled} out (a WARNING),
 * any other {@code key=value} is a setting ({@code name api_key=s3cret}); a line starting with
 * {@code !} is a syntax error. It builds the same
 * generic tree the YAML decoder does, so the domain's real validation runs.
 */
public final class LineDecoder implements ConfigDecoder {

    private final AtomicInteger decodes = new AtomicInteger();

    public int decodes() {
        return decodes.get();
    }

    @Override
    public DecodeResult decode(byte[] bytes) {
        decodes.incrementAndGet();
        List<Object> discovered = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("!")) {
                return new DecodeResult.Malformed(List.of(ValidationProblem.error("", "syntax error: " + trimmed)));
            }
            String[] words = trimmed.split("\\s+");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", words[0]);
            entry.put("enabled", true);
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("disabled")) {
                    entry.put("enabled", false);
                } else if (words[i].equals("implicit")) {
                    entry.remove("enabled");
                } else if (words[i].startsWith("priority=")) {
                    entry.put("priority", Integer.parseInt(words[i].substring("priority=".length())));
                } else if (words[i].startsWith("pattern=")) {
                    @SuppressWarnings("unchecked")
                    List<Object> patterns = (List<Object>) entry.computeIfAbsent("failurePatterns",
                            key -> new ArrayList<>());
                    patterns.add(words[i].substring("pattern=".length()));
                } else if (words[i].startsWith("url=")) {
                    entry.put("config", Map.of("url", words[i].substring("url=".length())));
                } else if (words[i].indexOf('=') > 0) {
                    entry.put(words[i].substring(0, words[i].indexOf('=')),
                            words[i].substring(words[i].indexOf('=') + 1));
                }
            }
            discovered.add(entry);
        }
        return new DecodeResult.Decoded(ToolsetDocument.fromTree(Map.of("discovered", discovered)));
    }
}
