package io.livecount.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random samples of distinct indexes {@code 0..n-1}, for the batch scenarios: each call is a
 * partial Fisher-Yates shuffle of a per-thread permutation, so a sample costs its size, not {@code
 * n}. Not thread-safe by design: every thread uses its own (see {@link #perThread}).
 */
final class DistinctSample {

    private final int[] permutation;

    DistinctSample(int n) {
        permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
    }

    /** The population size this sample draws from. */
    int population() {
        return permutation.length;
    }

    /** A sampler per thread for a population of {@code n}, made anew when {@code n} changes. */
    static DistinctSample perThread(ThreadLocal<DistinctSample> samplers, int n) {
        DistinctSample sample = samplers.get();
        if (sample == null || sample.population() != n) {
            sample = new DistinctSample(n);
            samplers.set(sample);
        }
        return sample;
    }

    /** {@code count} distinct indexes in random order. */
    int[] next(int count) {
        int n = permutation.length;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) { // the first count become a uniform random sample
            int j = i + random.nextInt(n - i);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return Arrays.copyOf(permutation, count);
    }

    /** {@code count} distinct indexes, ascending. */
    int[] nextSorted(int count) {
        int[] sample = next(count);
        Arrays.sort(sample);
        return sample;
    }
}
