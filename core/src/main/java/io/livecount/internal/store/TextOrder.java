package io.livecount.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * The listing order of keys, and the end of a prefix's range in the orders the databases keep.
 * Listing order is the order of UTF-8 bytes compared unsigned, which is code point order: the order
 * of MariaDB's and MySQL's VARBINARY keys and of PostgreSQL's {@code COLLATE "C"} in a UTF8
 * database. H2 compares VARCHAR by UTF-16 code units, which differs only where a character from
 * U+E000 to U+FFFF meets a character above U+FFFF.
 */
public final class TextOrder {

    /** Listing order: UTF-8 bytes, unsigned. */
    public static final Comparator<String> UTF8 = Comparator.comparing(TextOrder::utf8, Arrays::compareUnsigned);

    private static final int MIN_SURROGATE = 0xD800;
    private static final int AFTER_SURROGATES = 0xE000;

    private TextOrder() {}

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The least string, in code point order, above every string that starts with {@code prefix}:
     * the prefix with its last code point below U+10FFFF raised by one (over the surrogates, which
     * UTF-8 cannot hold), and what follows it dropped. Empty when there is none (every code point
     * U+10FFFF, or an empty prefix).
     */
    public static Optional<String> endOfCodePoints(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1 == MIN_SURROGATE ? AFTER_SURROGATES : last + 1;
                return Optional.of(new StringBuilder(prefix.substring(0, start))
                        .appendCodePoint(next)
                        .toString());
            }
            end = start;
        }
        return Optional.empty();
    }

    /** As {@link #endOfCodePoints}, in UTF-16 code unit order (Java's {@link String#compareTo}). */
    public static Optional<String> endOfCodeUnits(String prefix) {
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == Character.MAX_VALUE) {
            end--;
        }
        if (end == 0) {
            return Optional.empty();
        }
        return Optional.of(prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1));
    }
}
