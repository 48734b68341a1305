package io.livecount.demo.web;

/**
 * Characters that change how text around them is shown without showing themselves: C0 and C1
 * controls, the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, which can
 * make "abc", U+202E, "gnp.exe" read as "abcexe.png"), zero-width characters (U+200B–U+200F),
 * the byte order mark, line and paragraph separators, and every other format character
 * (Unicode category Cf). For display they are written as visible escapes: a backslash, "u" and
 * the code point in hex.
 */
public final class Invisibles {

    private Invisibles() {}

    public static boolean isInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint)
                || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** {@code text} with each invisible character escaped: U+202E as backslash-u-202E, U+E0001 as backslash-u-{E0001}. */
    public static String shown(String text) {
        if (text == null || text.codePoints().noneMatch(Invisibles::isInvisible)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!isInvisible(c)) {
                out.appendCodePoint(c);
            } else if (Character.isBmpCodePoint(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.append(String.format("\\u{%X}", c));
            }
        });
        return out.toString();
    }
}
