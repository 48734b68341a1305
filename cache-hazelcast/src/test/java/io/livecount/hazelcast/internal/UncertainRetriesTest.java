package io.livecount.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.core.OperationTimeoutException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Repeating a Hazelcast call of unknown outcome")
class UncertainRetriesTest {

    private final UncertainRetries retries = new UncertainRetries(Duration.ofSeconds(10));

    @Test
    @DisplayName("a call that timed out is repeated until it answers")
    void repeatsUntilAnswered() {
        Supplier<String> call = answers(new OperationTimeoutException("no answer"), "done");

        assertThat(retries.run(call)).isEqualTo("done");
    }

    @Test
    @DisplayName("a call whose backups did not confirm in time is repeated (its id makes the repeat safe)")
    void repeatsWithoutBackupAck() {
        Supplier<String> call = answers(new IndeterminateOperationStateException("backup acks not received"), "done");

        assertThat(retries.run(call)).isEqualTo("done");
    }

    @Test
    @DisplayName("a failure that is certain from the first attempt is rethrown as it is")
    void certainFailureRethrown() {
        SplitBrainProtectionException refused = new SplitBrainProtectionException("minority");

        assertThatThrownBy(() -> retries.run(answers(refused))).isSameAs(refused);
    }

    @Test
    @DisplayName("a refusal after an attempt of unknown outcome is repeated until the cluster has settled")
    void refusalAfterUncertainAttemptRepeated() {
        SplitBrainProtectionException refused = new SplitBrainProtectionException("minority for now");
        Supplier<String> call = answers(new OperationTimeoutException("no answer"), refused, refused, "done");

        assertThat(retries.run(call)).isEqualTo("done");
    }

    @Test
    @DisplayName("a refusal still there at the deadline after an attempt of unknown outcome is indeterminate")
    void refusalAtDeadlineIsIndeterminate() {
        UncertainRetries impatient = new UncertainRetries(Duration.ofMillis(50));
        SplitBrainProtectionException refused = new SplitBrainProtectionException("minority");
        Supplier<String> call = () -> {
            throw refused;
        };
        Supplier<String> uncertainFirst = answersThen(new OperationTimeoutException("no answer"), call);

        assertThatThrownBy(() -> impatient.run(uncertainFirst))
                .isInstanceOf(IndeterminateOperationStateException.class)
                .hasCause(refused);
    }

    @Test
    @DisplayName("another failure after an attempt of unknown outcome is indeterminate: the first may have run")
    void failureAfterUncertainAttemptIsIndeterminate() {
        ArithmeticException overflow = new ArithmeticException("overflow");

        assertThatThrownBy(() -> retries.run(answers(new OperationTimeoutException("no answer"), overflow)))
                .isInstanceOf(IndeterminateOperationStateException.class)
                .hasCause(overflow);
    }

    @Test
    @DisplayName("giving up at the deadline after attempts of unknown outcome is indeterminate")
    void deadlineIsIndeterminate() {
        UncertainRetries impatient = new UncertainRetries(Duration.ZERO);
        OperationTimeoutException timedOut = new OperationTimeoutException("no answer");

        assertThatThrownBy(() -> impatient.run(answers(timedOut)))
                .isInstanceOf(IndeterminateOperationStateException.class)
                .hasCause(timedOut);
    }

    @Test
    @DisplayName("an interrupt while waiting to repeat an attempt of unknown outcome is indeterminate")
    void interruptedIsIndeterminate() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retries.run(answers(new OperationTimeoutException("no answer"), "done")))
                    .isInstanceOf(IndeterminateOperationStateException.class)
                    .hasMessageContaining("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** A call that first throws {@code first}, then behaves as {@code then}. */
    private static Supplier<String> answersThen(RuntimeException first, Supplier<String> then) {
        boolean[] thrown = {false};
        return () -> {
            if (!thrown[0]) {
                thrown[0] = true;
                throw first;
            }
            return then.get();
        };
    }

    /** A call that throws or returns each of {@code outcomes} in turn. */
    private static Supplier<String> answers(Object... outcomes) {
        Deque<Object> left = new ArrayDeque<>(List.of(outcomes));
        return () -> {
            Object next = left.removeFirst();
            if (next instanceof RuntimeException failure) {
                throw failure;
            }
            return (String) next;
        };
    }
}
