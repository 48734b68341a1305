package io.livecount.internal;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The validation rules of namespaces and names, written once for keys and configuration. */
public final class KeyRules {

    private static final int SHOWN_CHARS = 80;

    private KeyRules() {}

    /**
     * Checks one part of a key. Throws {@link IllegalArgumentException} naming the part and showing
     * the value (escaped, shortened) when it is null, blank, too long in UTF-8, or contains a
     * control character or an unpaired surrogate (which UTF-8 cannot store).
     */
    public static void check(String what, String value, int maxBytes) {
        check(what, value, maxBytes, false);
    }

    private static void check(String what, String value, int maxBytes, boolean blankAllowed) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (!blankAllowed && value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, was " + show(value));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(what
                        + " must not contain control character U+%04X at index %d, was %s"
                                .formatted((int) c, i, show(value)));
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw new IllegalArgumentException(
                            what + " contains an unpaired surrogate at index " + i + ", was " + show(value));
                }
                i++;
            }
        }
        int bytes = utf8Length(value);
        if (bytes > maxBytes) {
            throw new IllegalArgumentException(
                    what + " is " + bytes + " bytes in UTF-8, at most " + maxBytes + " allowed, was " + show(value));
        }
    }

    /**
     * Checks a listing's starting point: {@code ""}, or a valid key part (see {@link #check}).
     * Throws {@link NullPointerException} naming the parameter when null.
     */
    public static void checkAfter(String what, String value, int maxBytes) {
        if (!Objects.requireNonNull(value, what).isEmpty()) {
            check(what, value, maxBytes);
        }
    }

    /**
     * Checks a name prefix: may be empty or blank (a name may start with spaces), otherwise as
     * {@link #check}. Throws {@link NullPointerException} naming the parameter when null.
     */
    public static void checkPrefix(String what, String value, int maxBytes) {
        check(what, Objects.requireNonNull(value, what), maxBytes, true);
    }

    /** The value quoted, control characters escaped, cut after {@value #SHOWN_CHARS} chars. */
    public static String show(String value) {
        StringBuilder shown = new StringBuilder("'");
        int end = Math.min(value.length(), SHOWN_CHARS);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPairedAt(value, i)) {
                shown.append("\\u%04X".formatted((int) c));
            } else {
                shown.append(c);
            }
        }
        shown.append('\'');
        if (value.length() > SHOWN_CHARS) {
            shown.append("... (").append(value.length()).append(" chars)");
        }
        return shown.toString();
    }

    private static boolean isPairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static int utf8Length(String value) {
        // Only called on well-formed strings, so getBytes cannot substitute replacement chars.
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
