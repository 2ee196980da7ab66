package org.toolsetconfig.adapters.http.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A URL to probe: a probe path joined onto it, and the form that may be shown to people. */
final class ProbeUrl {

    private static final Pattern QUERY_VALUE = Pattern.compile("=[^&]*");

    private ProbeUrl() {
    }

    /** {@code text} as an absolute http(s) URL with a host, or empty when it is none. */
    static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme();
            boolean http = scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
            return http && uri.getHost() != null && !uri.getHost().isEmpty() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code path} joined onto the URL's own path and {@code query} after the URL's own query, so
     * {@code http://h/tempo?org=1} + {@code /api/echo} is {@code http://h/tempo/api/echo?org=1}.
     * User-info is dropped: it is sent as a header, never in the request line.
     */
    static URI join(URI base, String path, String query) {
        return URI.create(joined(base.getScheme() + "://" + hostAndPort(base), base.getRawPath(), base.getRawQuery(),
                path, query));
    }

    // Stricter than Redaction.url on purpose: this URL may hold values expanded from {{ env.NAME }},
    // which are secrets whatever their parameter is called, so every value of its own query is hidden.
    /** What {@link #join} requests, as it may be shown: the user-info password and the URL's own query values removed. */
    static String shown(URI base, String path, String query) {
        String userInfo = base.getRawUserInfo();
        String user = userInfo == null ? "" : userInfo.contains(":")
                ? userInfo.substring(0, userInfo.indexOf(':')) + ":<redacted>@" : userInfo + "@";
        String ownQuery = base.getRawQuery() == null ? null : QUERY_VALUE.matcher(base.getRawQuery()).replaceAll("=<redacted>");
        return joined(base.getScheme() + "://" + user + hostAndPort(base), base.getRawPath(), ownQuery, path, query);
    }

    private static String hostAndPort(URI base) {
        return base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort());
    }

    private static String joined(String origin, String ownPath, String ownQuery, String path, String query) {
        String trimmed = ownPath == null ? "" : ownPath.endsWith("/") ? ownPath.substring(0, ownPath.length() - 1) : ownPath;
        String fullPath = trimmed + path;
        String joinedQuery = ownQuery == null || ownQuery.isEmpty() ? query
                : query.isEmpty() ? ownQuery : ownQuery + "&" + query;
        return origin + fullPath + (joinedQuery.isEmpty() ? "" : "?" + joinedQuery);
    }
}
