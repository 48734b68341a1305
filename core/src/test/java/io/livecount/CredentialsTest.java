package io.livecount;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The database password stays inside the service")
class CredentialsTest {

    private static final String PASSWORD = "s3cret-Pw-4711";

    @Test
    @DisplayName("no public method of the configuration, nor its toString, gives the password back")
    void configurationHidesThePassword() throws Exception {
        LivecountConfig config = LivecountConfig.builder()
                .jdbcUrl("jdbc:h2:mem:credentials;DB_CLOSE_DELAY=-1", "sa", PASSWORD)
                .build();
        try (CounterService counters = Livecount.create(config)) {
            counters.add(CounterKey.of("c", "n"), 1); // the pool did get the password
            assertThat(counters.get(CounterKey.of("c", "n"))).isEqualTo(1);

            for (LivecountConfig handedOut : new LivecountConfig[] {config, counters.config()}) {
                for (Method method : LivecountConfig.class.getMethods()) {
                    if (method.getDeclaringClass() == LivecountConfig.class
                            && method.getParameterCount() == 0
                            && !Modifier.isStatic(method.getModifiers())) {
                        assertThat(String.valueOf(method.invoke(handedOut)))
                                .as("LivecountConfig.%s()", method.getName())
                                .doesNotContain(PASSWORD);
                    }
                }
            }
            assertThat(config.toString()).doesNotContain(PASSWORD);
            assertThat(counters.toString()).doesNotContain(PASSWORD);
        }
    }
}
