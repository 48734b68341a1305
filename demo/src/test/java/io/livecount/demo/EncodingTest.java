package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.web.Html;
import io.livecount.demo.web.Invisibles;
import io.livecount.demo.web.Json;
import io.livecount.demo.web.RequestShape;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTML and JSON encoding")
class EncodingTest {

    @Test
    @DisplayName("HTML escaping covers text and both attribute quotes")
    void html() {
        assertThat(Html.escape("<a href='x' title=\"y\">&</a>"))
                .isEqualTo("&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;");
    }

    @Test
    @DisplayName("JSON strings escape quotes, backslashes, control characters, markup and line separators")
    void jsonStrings() {
        assertThat(Json.write("\"\\\n\u0001</script>&\u2028"))
                .isEqualTo("\"\\\"\\\\\\n\\u0001\\u003c/script\\u003e\\u0026\\u2028\"");
        assertThat(Json.write("caf\u00e9 \uD83D\uDE00")).isEqualTo("\"caf\u00e9 \uD83D\uDE00\"");
    }

    @Test
    @DisplayName("invisible characters: shown as escapes in HTML, JSON-escaped losslessly, and in a display form")
    void invisibleCharacters() {
        String name = "abc\u202Egnp.exe\u200B\u2066\uFEFF\u0085\u0007\u00AD\uDB40\uDC01";

        assertThat(Html.escape(name))
                .isEqualTo("abc\\u202Egnp.exe\\u200B\\u2066\\uFEFF\\u0085\\u0007\\u00AD\\u{E0001}");
        assertThat(Invisibles.shown("caf\u00e9 <\u00e4>")).isEqualTo("caf\u00e9 <\u00e4>");
        assertThat(Json.write("a\u202Eb\u200Fc\u2069")).isEqualTo("\"a\\u202eb\\u200fc\\u2069\"");
    }

    @Test
    @DisplayName("percent-encoding must be complete and decode as UTF-8")
    void percentEncoding() {
        assertThat(RequestShape.isPercentEncodedUtf8("/r")).isTrue();
        assertThat(RequestShape.isPercentEncodedUtf8("u=https%3A%2F%2Fexample.com%2F%C3%A4"))
                .isTrue();
        assertThat(RequestShape.isPercentEncodedUtf8(null)).isTrue();
        assertThat(RequestShape.isPercentEncodedUtf8("u=%zz")).isFalse();
        assertThat(RequestShape.isPercentEncodedUtf8("u=%")).isFalse();
        assertThat(RequestShape.isPercentEncodedUtf8("u=%4")).isFalse();
        assertThat(RequestShape.isPercentEncodedUtf8("key=%ff%fe")).isFalse();
        assertThat(RequestShape.isPercentEncodedUtf8("key=%C0%80"))
                .as("overlong NUL")
                .isFalse();
    }

    @Test
    @DisplayName("JSON objects keep their order; lists, numbers, null, booleans and instants are written as such")
    void jsonValues() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("b", List.of(1L, 2)); // a Map.of would not keep the order
        object.put("a", null);
        object.put("t", Instant.EPOCH);
        object.put("ok", true);

        assertThat(Json.write(object)).isEqualTo("{\"b\":[1,2],\"a\":null,\"t\":\"1970-01-01T00:00:00Z\",\"ok\":true}");
    }
}
