package io.livecount.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.livecount.cdi.testing.Settings;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The producer's injection points name the types it looks up")
class ProducerInjectionPointsTest {

    @AfterEach
    void clearSettings() {
        Settings.replaceWith(Map.of());
    }

    /** An Instance<Object> makes every bean a candidate: Quarkus then removes no unused bean anywhere. */
    @Test
    @DisplayName("no Instance<Object>: Quarkus ArC keeps removing the application's unused beans")
    void noInstanceOfObject() {
        try (WeldContainer container = Settings.weldWith(
                        Map.of("livecount.jdbc.url", "jdbc:h2:mem:cdi-injection-points;DB_CLOSE_DELAY=-1"))
                .initialize()) {
            Set<Bean<?>> beans = container.getBeanManager().getBeans(LivecountProducer.class);
            assertThat(beans).hasSize(1);
            List<Type> lookups = beans.iterator().next().getInjectionPoints().stream()
                    .map(InjectionPoint::getType)
                    .filter(type -> type instanceof ParameterizedType p && p.getRawType() == Instance.class)
                    .map(type -> ((ParameterizedType) type).getActualTypeArguments()[0])
                    .toList();
            assertThat(lookups).isNotEmpty().doesNotContain(Object.class);
        }
    }
}
