package org.toolsetconfig.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** The SHA-256 of a configuration file's exact bytes, in lower-case hex; what decides whether it changed. */
public record Checksum(String hex) {

    /** The checksum of no configuration at all (nothing loaded yet). */
    public static final Checksum NONE = new Checksum("");

    /** Checks that the value is 64 hex digits, or empty for {@link #NONE}. */
    public Checksum {
        Objects.requireNonNull(hex, "hex");
        if (!hex.isEmpty() && !hex.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("checksum must be 64 lower-case hex digits, was '" + Printable.of(hex) + "'");
        }
    }

    public static Checksum sha256(byte[] bytes) {
        try {
            return new Checksum(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    /** Whether this stands for a loaded file rather than {@link #NONE}. */
    public boolean isPresent() {
        return !hex.isEmpty();
    }

    @Override
    public String toString() {
        return hex;
    }
}
