package io.livecount.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.demo.testing.DemoClient;
import io.livecount.demo.testing.RunningDemo;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The dashboard in STRICT mode")
class StrictDashboardTest {

    @Test
    @DisplayName("the write-back panel says FAST mode is off instead of showing a table of zeros")
    void fastIsOff() {
        try (RunningDemo demo = RunningDemo.onH2Memory("strict-dashboard", "--mode", "strict")) {
            DemoClient client = demo.client();
            client.click("http://localhost/strict");
            String cookie = client.login();

            HttpResponse<String> page = client.get("admin", "Cookie", cookie);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("Mode <b id=\"mode\">STRICT</b>", "FAST mode is off")
                    .doesNotContain("pending clicks", "id=\"pending-counters\"", "Flush now");
        }
    }
}
