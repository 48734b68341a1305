package io.livecount.demo.admin;

import java.util.List;

/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, a cell quoted when it holds a comma,
 * a quote, CR or LF, quotes doubled), safe to open in a spreadsheet: a text cell starting with
 * {@code = + - @}, tab or CR would be run as a formula there (a counter name is anyone's URL), so
 * it gets a leading {@code '} — the usual defence, which spreadsheets show as text. Numbers are
 * written as numbers, negative ones too.
 */
public final class Csv {

    private final StringBuilder out = new StringBuilder();

    /** Appends one row of cells: {@link Long}s and {@link Integer}s as numbers, anything else as text. */
    public Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object cell = cells.get(i);
            out.append(cell instanceof Long || cell instanceof Integer ? cell.toString() : text(String.valueOf(cell)));
        }
        out.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /** One text cell, neutralized and quoted as needed. */
    static String text(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote =
                safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
