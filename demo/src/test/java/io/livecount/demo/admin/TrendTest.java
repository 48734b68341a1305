package io.livecount.demo.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Trend against the previous bucket")
class TrendTest {

    @Test
    @DisplayName("a rise and a fall in percent of the previous value")
    void percent() {
        assertThat(new Trend(125, 100L).percent()).isEqualTo(25.0);
        assertThat(new Trend(125, 100L).label()).isEqualTo("▲ 25%");
        assertThat(new Trend(125, 100L).direction()).isEqualTo(Trend.Direction.UP);
        assertThat(new Trend(50, 200L).label()).isEqualTo("▼ 75%");
        assertThat(new Trend(50, 200L).direction()).isEqualTo(Trend.Direction.DOWN);
    }

    @Test
    @DisplayName("one decimal below 10 %, dropped when it is .0; whole numbers from 10 % up")
    void rounding() {
        assertThat(new Trend(1035, 1000L).label()).isEqualTo("▲ 3.5%");
        assertThat(new Trend(103, 100L).label()).isEqualTo("▲ 3%");
        assertThat(new Trend(1001, 1000L).label()).isEqualTo("▲ 0.1%");
        assertThat(new Trend(2, 3L).label()).isEqualTo("▼ 33%");
        assertThat(new Trend(100_996, 10_000L).label()).isEqualTo("▲ 910%");
    }

    @Test
    @DisplayName("equal values are flat; from 0 there is no percentage")
    void flatAndFromZero() {
        assertThat(new Trend(7, 7L).label()).isEqualTo("= 0%");
        assertThat(new Trend(7, 7L).direction()).isEqualTo(Trend.Direction.FLAT);
        assertThat(new Trend(3, 0L).label()).isEqualTo("▲ new");
        assertThat(new Trend(3, 0L).percent()).isNull();
        assertThat(new Trend(0, 0L).label()).isEqualTo("–");
        assertThat(new Trend(-2, 0L).label()).isEqualTo("▼ from 0");
    }

    @Test
    @DisplayName("negative counters compare against the previous value's magnitude")
    void negative() {
        assertThat(new Trend(-5, -10L).direction()).isEqualTo(Trend.Direction.UP);
        assertThat(new Trend(-5, -10L).label()).isEqualTo("▲ 50%");
    }

    @Test
    @DisplayName("all time has nothing before it: no direction, no label")
    void none() {
        Trend allTime = Trend.none(12);
        assertThat(allTime.direction()).isEqualTo(Trend.Direction.NONE);
        assertThat(allTime.label()).isEmpty();
        assertThat(allTime.percent()).isNull();
        assertThat(allTime.explanation()).isEmpty();
        assertThat(new Trend(12, 10L).explanation()).isEqualTo("12 so far, 10 in the bucket before");
    }
}
