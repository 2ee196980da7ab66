package org.toolsetconfig.adapters.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.io.ByteOrderMark;
import org.apache.commons.io.input.BOMInputStream;
import org.toolsetconfig.domain.SourcePosition;

/** Strict UTF-8 decoding that says where and why bytes are not text. */
final class Utf8Text {

    private Utf8Text() {
    }

    /** Why the bytes are not UTF-8 text, and where. */
    static final class NotText extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SourcePosition position;

        NotText(String message, SourcePosition position) {
            super(message, null, false, false);
            this.position = position;
        }

        SourcePosition position() {
            return position;
        }
    }

    static String decode(byte[] bytes) throws NotText {
        ByteOrderMark otherEncoding = otherEncoding(bytes);
        if (otherEncoding != null) {
            throw new NotText("the file is " + otherEncoding.getCharsetName() + " encoded; save it as UTF-8",
                    new SourcePosition(1, 1));
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new NotText("the file contains a NUL byte at byte offset " + i
                        + ": it looks binary, not YAML text; put the YAML document itself in the ConfigMap",
                        positionOfByte(bytes, i));
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new NotText("the file is not valid UTF-8 text (bad byte at offset " + in.position()
                    + "): it may be binary or in another encoding; save it as UTF-8",
                    positionOfByte(bytes, in.position()));
        }
        return out.flip().toString();
    }

    /**
     * The byte order mark of a UTF-16 or UTF-32 file, or {@code null}. BOMInputStream tries the longer marks
     * first, so UTF-32LE ({@code FF FE 00 00}) is not taken for UTF-16LE ({@code FF FE}).
     */
    private static ByteOrderMark otherEncoding(byte[] bytes) {
        try (BOMInputStream in = BOMInputStream.builder().setByteArray(bytes).setByteOrderMarks(ByteOrderMark.UTF_16BE,
                ByteOrderMark.UTF_16LE, ByteOrderMark.UTF_32BE, ByteOrderMark.UTF_32LE).get()) {
            return in.getBOM();
        } catch (IOException e) {
            throw new UncheckedIOException("reading an array failed", e);
        }
    }

    private static SourcePosition positionOfByte(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePosition(line, offset - lineStart + 1);
    }

    static SourcePosition positionOfCodePoint(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourcePosition(line, column);
    }
}
