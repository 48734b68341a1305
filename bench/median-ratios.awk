# Shared by bench/compare and bench/compare-builds. Reads result lines prefixed with round=N (and,
# from compare-builds, build=REV before it) and prints, per build, database, key count and thread
# count (in the order first seen), the ratio candidate / baseline of each round and their median:
#   ratios [build=REV ]candidate=C baseline=B db=D keys=K threads=T: r1 r2 ...
#   metric=median_ratio [build=REV ]candidate=C baseline=B db=D keys=K threads=T rounds=N value=X
# Variables: baseline, candidate, rounds.
function field(name,   i) { for (i = 1; i <= NF; i++) if (index($i, name "=") == 1) return substr($i, length(name) + 2) }
field("ops_per_s") != "" && field("round") != "" {
  build = field("build")
  cell = "db=" field("db") " keys=" field("keys") " threads=" field("threads")
  ops[build, field("round"), field("scenario"), cell] = field("ops_per_s")
  if (!(cell in seenCell)) { seenCell[cell] = 1; cells[++ncells] = cell }
  if (!(build in seen)) { seen[build] = 1; builds[++nbuilds] = build }
}
END {
  for (c = 1; c <= ncells; c++) for (x = 1; x <= nbuilds; x++) {
    cell = cells[c]; build = builds[x]; label = build == "" ? "" : "build=" build " "; n = 0; line = ""
    for (r = 1; r <= rounds; r++) {
      b = ops[build, r, baseline, cell]; v = ops[build, r, candidate, cell]
      if (b > 0 && v != "") { ratio[++n] = v / b; line = line sprintf(" %.2f", v / b) }
    }
    if (n == 0) continue
    for (i = 2; i <= n; i++) for (j = i; j > 1 && ratio[j - 1] > ratio[j]; j--) { t = ratio[j]; ratio[j] = ratio[j - 1]; ratio[j - 1] = t }
    median = n % 2 ? ratio[(n + 1) / 2] : (ratio[n / 2] + ratio[n / 2 + 1]) / 2
    printf "ratios %scandidate=%s baseline=%s %s:%s\n", label, candidate, baseline, cell, line
    printf "metric=median_ratio %scandidate=%s baseline=%s %s rounds=%d value=%.3f\n", label, candidate, baseline, cell, n, median
  }
}
