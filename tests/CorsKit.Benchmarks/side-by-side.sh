#!/usr/bin/env bash
# Times builds of the suite against each other in one process (SideBySide/SideBySideRun.cs), several processes in a row
# with the order of the builds rotated, and prints the median ratio per build and path.
#   usage: side-by-side.sh PROCESSES ROUNDS name=DIR name=DIR ...
#   e.g.:  git worktree add /tmp/before HEAD~1 && dotnet build /tmp/before/tests/CorsKit.Benchmarks -c Release
#          ./side-by-side.sh 6 60 before=/tmp/before/tests/CorsKit.Benchmarks/bin/Release/net10.0 after=bin/Release/net10.0
set -euo pipefail
processes=$1; rounds=$2; shift 2
builds=("$@"); count=${#builds[@]}
here=$(cd "$(dirname "$0")" && pwd)
lines=$(mktemp); trap 'rm -f "$lines"' EXIT
for ((p = 0; p < processes; p++)); do
  order=(); for ((i = 0; i < count; i++)); do order+=("${builds[$(((i + p) % count))]}"); done
  dotnet "$here/bin/Release/net10.0/CorsKit.Benchmarks.dll" --side-by-side "${order[@]}" --rounds "$rounds" | grep ' ratio ' >> "$lines"
done
# Median over the processes of each build's ratio and overheads, per path.
printf "%-8s %-24s %8s %12s %12s   (median of %d processes)\n" build path ratio "corskit ns" "microsoft ns" "$processes"
sort -k1,1 -k2,2 -k4,4g "$lines" | awk '
  { key = $1 " " $2; ratio[key, ++seen[key]] = $4; ck[key, seen[key]] = $6; ms[key, seen[key]] = $9 }
  END {
    for (key in seen) { m = int((seen[key] + 1) / 2); split(key, k, " ")
      printf "%-8s %-24s %8.3f %12.1f %12.1f\n", k[1], k[2], ratio[key, m], ck[key, m], ms[key, m] }
  }' | sort -k2,2 -k1,1
