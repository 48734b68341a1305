package io.livecount.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of another process, from {@code /proc/<pid>/stat} (Linux). */
final class ProcStat {

    /** Clock ticks per second of utime and stime: 100 on Linux for every common architecture. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStat() {}

    /** User plus system time of {@code pid} so far, in nanoseconds. */
    static long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }
}
