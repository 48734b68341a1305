package io.livecount.internal.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PassPlanTest {

    private static List<Integer> keys(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static List<Integer> sizes(List<List<List<Integer>>> runs) {
        List<Integer> sizes = new ArrayList<>();
        runs.forEach(run -> run.forEach(statement -> sizes.add(statement.size())));
        return sizes;
    }

    @Test
    @DisplayName("every key lands in exactly one statement, in sorted order, runs contiguous")
    void coversInOrder() {
        for (int n : new int[] {0, 1, 999, 1_000, 1_999, 2_000, 2_001, 3_999, 10_000, 100_001}) {
            for (int writers = 1; writers <= 4; writers++) {
                List<Integer> seen = new ArrayList<>();
                PassPlan.runs(keys(n), 2_000, writers).forEach(run -> run.forEach(seen::addAll));
                assertThat(seen).as("n=%d writers=%d", n, writers).isEqualTo(keys(n));
            }
        }
    }

    @Test
    @DisplayName("at most 2,000 keys and at most one statement per 1,000 keys")
    void statementSizes() {
        for (int n = 1; n <= 30_000; n += 997) {
            for (int writers = 1; writers <= 4; writers++) {
                List<Integer> sizes = sizes(PassPlan.runs(keys(n), 2_000, writers));
                assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, 2_000));
                assertThat(sizes.size()).isLessThanOrEqualTo(Math.max(1, n / 1_000));
                assertThat(sizes.size()).isEqualTo(Math.max((n + 1_999) / 2_000, Math.min(sizes.size(), n / 1_000)));
            }
        }
    }

    @Test
    @DisplayName("runs are balanced: 10,000 keys on 2 writers are 3 + 3 statements of 1,666-1,667")
    void balanced() {
        List<List<List<Integer>>> runs = PassPlan.runs(keys(10_000), 2_000, 2);
        assertThat(runs).hasSize(2);
        assertThat(runs).allSatisfy(run -> assertThat(run).hasSize(3));
        assertThat(sizes(runs)).allSatisfy(size -> assertThat(size).isBetween(1_666, 1_667));
        assertThat(PassPlan.runs(keys(2_000), 2_000, 2)).hasSize(2);
        assertThat(PassPlan.runs(keys(1_999), 2_000, 2)).hasSize(1);
        assertThat(PassPlan.runs(keys(100_000), 2_000, 2))
                .allSatisfy(run -> assertThat(run).hasSize(25));
    }

    @Test
    @DisplayName("a group (a counter's buckets) is never cut, unless it alone exceeds the statement size")
    void keepsGroups() {
        for (int groupSize : new int[] {1, 7, 150, 1_999, 2_000, 5_000}) {
            for (int n : new int[] {1, 2_001, 10_000, 100_001}) {
                for (int writers = 1; writers <= 4; writers++) {
                    int size = groupSize;
                    List<List<List<Integer>>> runs =
                            PassPlan.runs(keys(n), 2_000, writers, (a, b) -> a / size == b / size);
                    List<Integer> seen = new ArrayList<>();
                    runs.forEach(run -> run.forEach(seen::addAll));
                    assertThat(seen).isEqualTo(keys(n));
                    assertThat(runs).allSatisfy(run -> assertThat(run).isNotEmpty());
                    for (List<List<Integer>> run : runs) {
                        for (List<Integer> statement : run) {
                            assertThat(statement).isNotEmpty().hasSizeLessThanOrEqualTo(4_000);
                            int first = statement.get(0);
                            int last = statement.get(statement.size() - 1);
                            if (groupSize <= 2_000) {
                                assertThat(first % size).as("starts a group").isZero();
                                assertThat(last + 1 == n || (last + 1) % size == 0)
                                        .as("ends a group")
                                        .isTrue();
                            }
                        }
                    }
                }
            }
        }
    }
}
