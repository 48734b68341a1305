package io.livecount.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code wrk} run against {@code GET /r?u=https://example.com/bench/<key>}, the keys taken in
 * turn by each connection. Its Lua script counts the answers itself, so the 302s are those wrk
 * saw, not the requests it sent; and it ends exactly: after the measured seconds every connection
 * switches to {@code GET /r} without a URL (400, counts nothing), so that no counted request is in
 * flight when wrk stops and the server's stored count can be compared with the 302s exactly.
 */
final class Wrk {

    /**
     * What wrk saw: 302 answers and other answers in the measured window, the window's length
     * (first to last 302, wall clock), and the requests sent after it.
     */
    record Outcome(long redirects, long others, double seconds, long drained) {
        long perSecond() {
            return Math.round(redirects / seconds);
        }
    }

    private static final Pattern RESULT =
            Pattern.compile("redirects=(\\d+) others=(\\d+) seconds=([0-9.]+) drained=(\\d+)");

    /** Seconds wrk runs after the measured window, draining (every connection's last request answered). */
    private static final int DRAIN_SECONDS = 2;

    private final Path script;

    private Wrk(Path script) {
        this.script = script;
    }

    /** Writes the Lua script for {@code keys} distinct URLs into {@code directory}. */
    static Wrk forKeys(Path directory, int keys) {
        Path script = directory.resolve("wrk-" + keys + "-keys.lua");
        try {
            Files.createDirectories(directory);
            Files.writeString(script, luaScript(keys), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Wrk(script);
    }

    /** {@code wrk -t<threads> -c<connections> -d<seconds + drain>} against {@code port} on 127.0.0.1. */
    Outcome run(int port, int threads, int connections, int seconds) throws IOException, InterruptedException {
        Process wrk = new ProcessBuilder(List.of(
                        "wrk",
                        "-t" + threads,
                        "-c" + connections,
                        "-d" + (seconds + DRAIN_SECONDS) + "s",
                        "-s",
                        script.toString(),
                        "http://127.0.0.1:" + port,
                        "--",
                        String.valueOf(seconds)))
                .redirectErrorStream(true)
                .start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!wrk.waitFor(seconds + DRAIN_SECONDS + 60L, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        Matcher result = RESULT.matcher(output);
        if (!result.find()) {
            throw new IllegalStateException("no result line in wrk's output:\n" + output);
        }
        return new Outcome(
                Long.parseLong(result.group(1)),
                Long.parseLong(result.group(2)),
                Double.parseDouble(result.group(3)),
                Long.parseLong(result.group(4)));
    }

    /**
     * Per thread: the counted paths in turn until the window ends (clock_gettime through LuaJIT's
     * FFI: os.time() has whole seconds only), then the uncounted one. {@code done} sums the
     * threads' tallies.
     */
    private static String luaScript(int keys) {
        return """
                local ffi = require("ffi")
                ffi.cdef[[
                  typedef struct { long tv_sec; long tv_nsec; } lc_timespec;
                  int clock_gettime(int clock, lc_timespec *ts);
                ]]
                local function now()
                  local ts = ffi.new("lc_timespec")
                  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
                  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
                end

                local keys = %d
                local threads = {}
                function setup(thread) table.insert(threads, thread) end

                function init(args)
                  window = tonumber(args[1])
                  paths = {}
                  for i = 0, keys - 1 do
                    paths[i + 1] = "/r?u=https%%3A%%2F%%2Fexample.com%%2Fbench%%2F" .. i
                  end
                  next_key = math.random(keys)
                  redirects, others, drained = 0, 0, 0
                  first, last, ends = 0, 0, nil
                end

                function request()
                  local t = now()
                  if ends == nil then ends = t + window end
                  if t >= ends then
                    drained = drained + 1
                    return wrk.format("GET", "/r")
                  end
                  next_key = next_key %% keys + 1
                  return wrk.format("GET", paths[next_key])
                end

                function response(status, headers, body)
                  if status == 302 then
                    redirects = redirects + 1
                    last = now()
                    if first == 0 then first = last end
                  elseif status ~= 400 or drained == 0 then
                    others = others + 1
                  end
                end

                function done(summary, latency, requests)
                  local r, o, d, first_all, last_all = 0, 0, 0, math.huge, 0
                  for _, t in ipairs(threads) do
                    r = r + t:get("redirects")
                    o = o + t:get("others")
                    d = d + t:get("drained")
                    if t:get("first") > 0 then first_all = math.min(first_all, t:get("first")) end
                    last_all = math.max(last_all, t:get("last"))
                  end
                  io.write(string.format("redirects=%%d others=%%d seconds=%%.3f drained=%%d\\n",
                    r, o, last_all - first_all, d))
                end
                """.formatted(keys);
    }
}
