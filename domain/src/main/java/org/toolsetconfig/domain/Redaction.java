package org.toolsetconfig.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for secrets in toolset settings and URLs (DESIGN §11): whatever leaves the process
 * (API answers, events, log lines, probe reports) passes through here, while the snapshot keeps
 * the real values that probes and the engine need.
 *
 * <p>A key names a secret when its words (split at {@code _}, {@code -}, {@code .} and camel case)
 * contain one of {@code password}, {@code passwd}, {@code secret}, {@code token}, {@code api key},
 * {@code apikey}, {@code authorization}, {@code auth}, {@code credential(s)}, {@code private key},
 * {@code access key}, {@code cookie}, {@code session key} — so {@code dd_api_key} and
 * {@code prometheusPassword} are secrets, {@code max_tokens} is not. In a URL the user-info password
 * and the values of query parameters named so (or {@code key}, {@code sig}, {@code signature}) are
 * replaced. A value that is only a {@code {{ env.NAME }}} reference holds no secret and is shown.
 */
public final class Redaction {

    /** What a secret value is shown as. */
    public static final String REDACTED = "<redacted>";

    private static final List<List<String>> SECRET_WORDS = wordLists("password", "passwd", "secret", "token",
            "api_key", "apikey", "authorization", "auth", "credential", "credentials", "private_key", "access_key",
            "cookie", "session_key");
    private static final Set<String> SECRET_QUERY_NAMES = Set.of("key", "sig", "signature");
    private static final Pattern WORD_BREAK =
            Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[^A-Za-z0-9]+");
    private static final Pattern ENV_REFERENCE =
            Pattern.compile("\\s*\\{\\{\\s*env\\.[A-Za-z_][A-Za-z0-9_]*\\s*}}\\s*");
    // A template reference may sit inside a URL with spaces ({{ env.X }}), so it is taken whole.
    private static final Pattern URL_IN_TEXT =
            Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://(?:\\{\\{[^}]*}}|[^\\s\"'<>`])+");

    private Redaction() {
    }

    /**
     * A deep copy of toolset settings fit to show: secret values replaced at any depth, URLs in
     * every text value redacted. The result is unmodifiable and keeps the order of the keys.
     */
    public static Map<String, Object> settings(Map<String, ?> settings) {
        return redactMap(settings, false);
    }

    /** Whether a settings key names a secret, by the words listed on this class. */
    public static boolean isSecretKey(String key) {
        List<String> words = words(key);
        return SECRET_WORDS.stream().anyMatch(secret -> Collections.indexOfSubList(words, secret) >= 0);
    }

    private static List<String> words(String key) {
        return WORD_BREAK.splitAsStream(key).filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether a value is only a {@code {{ env.NAME }}} reference, which names a secret without holding it. */
    public static boolean isEnvReference(String value) {
        return ENV_REFERENCE.matcher(value).matches();
    }

    /**
     * One URL fit to show: the user-info password and secret query (and fragment) parameter values
     * replaced. Text that is not a URL comes back unchanged.
     */
    public static String url(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = firstOf(url, authorityStart, "/?#");
        StringBuilder out = new StringBuilder(url.length() + 16).append(url, 0, authorityStart);
        String authority = url.substring(authorityStart, authorityEnd);
        int at = authority.lastIndexOf('@');
        int colon = at < 0 ? -1 : authority.indexOf(':');
        if (colon >= 0 && colon < at && !isEnvReference(authority.substring(colon + 1, at))) {
            out.append(authority, 0, colon + 1).append(REDACTED).append(authority, at, authority.length());
        } else {
            out.append(authority);
        }
        int queryStart = url.indexOf('?', authorityEnd);
        int fragmentStart = url.indexOf('#', authorityEnd);
        if (queryStart < 0 || (fragmentStart >= 0 && fragmentStart < queryStart)) {
            queryStart = fragmentStart;
        }
        if (queryStart < 0) {
            return out.append(url, authorityEnd, url.length()).toString();
        }
        out.append(url, authorityEnd, queryStart + 1);
        // Fragments get the same treatment: OAuth puts access_token=… there.
        String rest = url.substring(queryStart + 1);
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '&' || c == '#' || c == ';') {
                out.append(parameter(part.toString())).append(c);
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        return out.append(parameter(part.toString())).toString();
    }

    /** Free text (a probe report, an exception message) with every URL in it passed through {@link #url}. */
    public static String text(String text) {
        Matcher matcher = URL_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(url(matcher.group())));
        }
        return matcher.appendTail(out).toString();
    }

    private static String parameter(String parameter) {
        int equals = parameter.indexOf('=');
        if (equals <= 0 || equals == parameter.length() - 1) {
            return parameter;
        }
        String name = decode(parameter.substring(0, equals));
        String value = parameter.substring(equals + 1);
        boolean secret = isSecretKey(name) || words(name).stream().anyMatch(SECRET_QUERY_NAMES::contains);
        return secret && !isEnvReference(decode(value)) ? parameter.substring(0, equals + 1) + REDACTED : parameter;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a stray '%': match on the text as written
        }
    }

    private static int firstOf(String text, int from, String stops) {
        for (int i = from; i < text.length(); i++) {
            if (stops.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    private static Map<String, Object> redactMap(Map<?, ?> map, boolean secret) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        map.forEach((key, value) -> {
            String name = String.valueOf(key);
            copy.put(name, redact(value, secret || isSecretKey(name)));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object redact(Object value, boolean secret) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            return redactMap(map, secret);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(redact(item, secret)));
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof String text) {
            if (isEnvReference(text)) {
                return text;
            }
            return secret ? REDACTED : text(text);
        }
        return secret ? REDACTED : value;
    }

    private static List<List<String>> wordLists(String... names) {
        return Arrays.stream(names).map(name -> List.of(name.split("_"))).toList();
    }
}
