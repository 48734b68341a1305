package io.livecount.bench;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The tutorial click counter: no {@code @Version}, so concurrent read-modify-writes lose updates. */
@Entity
@Table(name = "bench_jpa_counter")
public class BenchCounter {

    @Id
    @Column(length = 64)
    private String k;

    @Column(nullable = false)
    private long v;

    protected BenchCounter() {}

    void increment() {
        v++;
    }
}
