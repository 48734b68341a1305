package io.livecount.demo.web;

/** Escaping for HTML text and attribute values (double- or single-quoted). */
public final class Html {

    private Html() {}

    /**
     * {@code value} with {@code & < > " '} replaced by entities and invisible characters shown as
     * escapes ({@link Invisibles#shown}), so that a bidi override in a counter name cannot reorder
     * what the admin reads; null becomes empty.
     */
    public static String escape(String value) {
        if (value == null) {
            return "";
        }
        value = Invisibles.shown(value);
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A complete page: the shared head (stylesheet from {@code /static}) around {@code
     * body}, which must already be escaped.
     */
    public static String page(String title, String body) {
        return page(title, body, new String[0]);
    }

    /**
     * A page as {@link #page(String, String)}, that also loads {@code assets} of the demo's own
     * origin: each {@code .css} as a stylesheet (before the demo's, so the demo's wins), each other
     * file as a deferred script (run in order, after the page is parsed).
     */
    public static String page(String title, String body, String... assets) {
        StringBuilder head = new StringBuilder();
        for (String asset : assets) {
            head.append(
                    asset.endsWith(".css")
                            ? "<link rel=\"stylesheet\" href=\"" + escape(asset) + "\">"
                            : "<script defer src=\"" + escape(asset) + "\"></script>");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>"
                + head
                + "<link rel=\"stylesheet\" href=\"/static/demo.css\"></head>\n<body>\n"
                + body
                + "\n</body></html>\n";
    }
}
