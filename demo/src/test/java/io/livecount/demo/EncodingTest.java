package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.web.Html;
import io.livecount.demo.web.Json;
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
