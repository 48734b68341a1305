package io.livecount.demo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Static files: uPlot is the pinned release, the page's scripts are same-origin only")
class StaticFilesTest {

    /**
     * SHA-256 of the files of uPlot 1.6.30 in the WebJar {@code org.webjars.npm:uplot:1.6.30} (the
     * npm release's {@code dist/}). A different version or a tampered jar fails here.
     */
    static final String UPLOT_JS = "7f29cd14e36d84141ab49c5e0a806d88e4d855596a9bc0e10799bc2c114b4c4f";

    static final String UPLOT_CSS = "df630c6a8d6f8eeaff264b50f73ce5b114f646ffd9a0bb74f049b0a00135fa04";

    @Test
    @DisplayName("the served uPlot script and stylesheet are byte for byte the pinned release")
    void uplotIsPinned() throws Exception {
        assertThat(sha256(served("uPlot.iife.min.js"))).isEqualTo(UPLOT_JS);
        assertThat(sha256(served("uPlot.min.css"))).isEqualTo(UPLOT_CSS);
        assertThat(new StaticResource().file("uPlot.iife.min.js").getMediaType().toString())
                .startsWith("text/javascript");
    }

    @Test
    @DisplayName("the dashboard script is served; names not listed are 404, whatever they look like")
    void onlyListedFiles() {
        assertThat(new String(served("dashboard.js"))).contains("/api/dashboard");
        assertThatThrownBy(() -> new StaticResource().file("../admin/AdminPage.class"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> new StaticResource().file("uPlot.cjs.js")).isInstanceOf(NotFoundException.class);
    }

    @Test
    @DisplayName("the CSP lets only same-origin scripts run: no inline script, no eval")
    void policy() {
        String csp = SecurityHeaders.CONTENT_SECURITY_POLICY;
        assertThat(csp).contains("script-src 'self';", "connect-src 'self';", "default-src 'none'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    private static byte[] served(String name) {
        Response response = new StaticResource().file(name);
        assertThat(response.getStatus()).isEqualTo(200);
        return (byte[]) response.getEntity();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
