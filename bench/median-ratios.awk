# Shared by bench/compare and bench/compare-builds. Reads result lines prefixed with round=N (and,
# from compare-builds, build=REV before it) and prints, per build and key count, the ratio
# candidate / baseline of each round and their median:
#   ratios [build=REV ]candidate=C baseline=B keys=K: r1 r2 ...
#   metric=median_ratio [build=REV ]candidate=C baseline=B keys=K rounds=N value=X
# Variables: baseline, candidate, rounds.
function field(name,   i) { for (i = 1; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2) }
field("ops_per_s") != "" && field("round") != "" {
  build = field("build")
  ops[build, field("round"), field("scenario"), field("keys")] = field("ops_per_s")
  keys[field("keys")] = 1
  if (!(build in seen)) { seen[build] = 1; builds[++nbuilds] = build }
}
END {
  for (k in keys) for (x = 1; x <= nbuilds; x++) {
    build = builds[x]; label = build == "" ? "" : "build=" build " "; n = 0; line = ""
    for (r = 1; r <= rounds; r++) {
      b = ops[build, r, baseline, k]; c = ops[build, r, candidate, k]
      if (b > 0 && c != "") { ratio[++n] = c / b; line = line sprintf(" %.2f", c / b) }
    }
    if (n == 0) continue
    for (i = 2; i <= n; i++) for (j = i; j > 1 && ratio[j - 1] > ratio[j]; j--) { t = ratio[j]; ratio[j] = ratio[j - 1]; ratio[j - 1] = t }
    median = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
    printf "ratios %scandidate=%s baseline=%s keys=%s:%s\n", label, candidate, baseline, k, line
    printf "metric=median_ratio %scandidate=%s baseline=%s keys=%s rounds=%d value=%.3f\n", label, candidate, baseline, k, n, median
  }
}
