package io.livecount.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import org.hibernate.Version;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Each Surefire execution runs the Hibernate version it names")
class HibernateVersionTest {

    @Test
    @DisplayName("the Hibernate on the class path is the one this execution tests")
    void version() {
        assertThat(Version.getVersionString()).isEqualTo(System.getProperty("livecount.test.hibernate.version"));
    }
}
