package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livecount.demo.clicks.AllowList;
import io.livecount.demo.clicks.ClickTarget;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The rules for click URLs")
class UrlRulesTest {

    @Nested
    @DisplayName("Normalization")
    class Normalization {

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource(
                delimiter = ' ',
                value = {
                    "http://Example.COM http://example.com/",
                    "HTTPS://example.com:443 https://example.com/",
                    "http://example.com:8080 http://example.com:8080/",
                    "https://example.com:80/ https://example.com:80/",
                    "http://example.com/A/b?Q=1#frag http://example.com/A/b?Q=1",
                    "http://example.com/%7Euser?x=%2F http://example.com/%7Euser?x=%2F",
                    "http://example.com/? http://example.com/?",
                    "http://[::1]:8080/x http://[::1]:8080/x"
                })
        @DisplayName("lower-cases scheme and host, drops default ports and fragments, keeps path and query")
        void normalizes(String raw, String expected) throws Exception {
            assertThat(ClickTarget.normalize(raw)).hasToString(expected);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {"mailto:a@example.com", "file:///etc/passwd", "http:///path", "http://user:pw@example.com/"})
        @DisplayName("refuses other schemes, missing hosts and user info")
        void refuses(String raw) {
            assertThatThrownBy(() -> ClickTarget.normalize(raw)).isInstanceOf(ClickTarget.RefusedException.class);
        }

        @Test
        @DisplayName("never echoes the URL in its reason (the reason is shown to whoever sent it)")
        void reasonWithoutUrl() {
            assertThatThrownBy(() -> ClickTarget.normalize("http://example.com/<b>"))
                    .isInstanceOf(ClickTarget.RefusedException.class)
                    .message()
                    .doesNotContain("<b>");
        }
    }

    @Nested
    @DisplayName("The allow-list")
    class Allowed {

        final AllowList list = AllowList.parse("example.com, *.example.org,LOCALHOST");

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"example.com", "EXAMPLE.com", "a.example.org", "b.a.example.org", "localhost"})
        @DisplayName("allows exact hosts and subdomains of *.suffix entries, in any case")
        void allows(String host) {
            assertThat(list.allows(host)).isTrue();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {"example.org", "www.example.com", "example.com.evil.test", "evilexample.org", "xexample.com"
                })
        @DisplayName("refuses everything else, including the bare suffix of a wildcard")
        void refuses(String host) {
            assertThat(list.allows(host)).isFalse();
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "example.com,,example.org", "*", "*."})
        @DisplayName("rejects empty entries and bare wildcards")
        void badEntries(String entries) {
            assertThatThrownBy(() -> AllowList.parse(entries)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
