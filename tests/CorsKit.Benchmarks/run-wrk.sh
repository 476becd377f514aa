#!/usr/bin/env bash
# End-to-end load test: the benchmark API (tests/CorsKit.Benchmarks/ServeHost.cs, policy BenchPolicy.Standard) on
# Kestrel, run three ways -- no CORS, Microsoft.AspNetCore.Cors, CorsKit -- each loaded from loopback with wrk for a
# bounded time with allowed actual requests (wrk/actual.lua) and allowed preflights (wrk/preflight.lua). Prints
# requests/second (median of interleaved rounds) and the ratio of each CORS pipeline to no CORS. About 2 minutes.
#
# Usage: tests/CorsKit.Benchmarks/run-wrk.sh   (defaults: 3 rounds of 5 s per host and scenario, 2 threads, 32 connections)
#        ROUNDS=5 DURATION=10s THREADS=1 CONNECTIONS=16 PORT=5399 PIN=0 tests/CorsKit.Benchmarks/run-wrk.sh
# The three hosts listen on 127.0.0.1, ports PORT to PORT+2.
# Needs wrk (Debian package "wrk"; installed with apt-get when missing and running as root).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
duration="${DURATION:-5s}"
rounds="${ROUNDS:-3}"
warmup="${WARMUP:-3s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
port="${PORT:-5399}"
# With PIN=1 (the default when taskset exists and there are 2+ CPUs) the hosts run on CPU 0 and wrk on CPU 1, so the
# load generator does not steal the server's core.
if [ -z "${PIN:-}" ]; then
    if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then PIN=1; else PIN=0; fi
fi
server_cpu=()
wrk_cpu=()
if [ "$PIN" = 1 ]; then
    server_cpu=(taskset -c 0)
    wrk_cpu=(taskset -c 1)
fi
url="http://127.0.0.1:${port}"
modes=(nocors ms corskit)
scenarios=(actual preflight)

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 ASPNETCORE_ENVIRONMENT=Production

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
    else
        echo "wrk is not installed (Debian: apt-get install wrk)" >&2
        exit 1
    fi
fi

echo "Building the host (Release)..."
dotnet build -c Release --nologo -v quiet "$here/CorsKit.Benchmarks.csproj" >/dev/null
dll="$here/bin/Release/net10.0/CorsKit.Benchmarks.dll"

pids=()
stop_servers() {
    for pid in "${pids[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid"
            wait "$pid" 2>/dev/null || true
        fi
    done
    pids=()
}
trap stop_servers EXIT

declare -A urls
start_server() {
    local mode=$1 url=$2
    "${server_cpu[@]}" dotnet "$dll" --serve "$mode" --urls "$url" >/dev/null 2>&1 &
    pids+=($!)
    urls[$mode]=$url
    for _ in $(seq 1 150); do
        if curl -s -o /dev/null "$url/api/todos"; then
            return 0
        fi
        sleep 0.2
    done
    echo "the $mode host did not start on $url" >&2
    exit 1
}

# Shows that the host really applies (or not) CORS: the preflight's status and Access-Control-Allow-Origin.
show_check() {
    local url=$1 status acao
    status=$(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS -H 'Origin: http://localhost:3000' \
        -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-request-id' "$url/api/todos/1")
    acao=$(curl -s -D - -o /dev/null -H 'Origin: http://localhost:3000' "$url/api/todos" | tr -d '\r' \
        | sed -n 's/^[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin: //p')
    echo "  $1 ($2): preflight -> $status, actual GET -> Access-Control-Allow-Origin '${acao}'"
}

# All three hosts run at once (idle when not loaded); the runs are interleaved round by round, so that load from
# elsewhere on the machine spreads over the three alike, and the median of the rounds is kept.
echo "Starting the three hosts..."
offset=0
for mode in "${modes[@]}"; do
    start_server "$mode" "http://127.0.0.1:$((port + offset))"
    show_check "${urls[$mode]}" "$mode"
    offset=$((offset + 1))
done

run_wrk() {
    "${wrk_cpu[@]}" wrk -t "$threads" -c "$connections" -d "$1" -s "$here/wrk/$2.lua" "$3"
}

echo "wrk: ${rounds} rounds x ${duration} per host and scenario (after a ${warmup} warm-up each), ${threads} threads, ${connections} connections, pinned: ${PIN}"
declare -A samples non2xx
for scenario in "${scenarios[@]}"; do
    for mode in "${modes[@]}"; do
        run_wrk "$warmup" "$scenario" "${urls[$mode]}" >/dev/null
    done
    for round in $(seq 1 "$rounds"); do
        line="  $scenario round $round:"
        for mode in "${modes[@]}"; do
            out=$(run_wrk "$duration" "$scenario" "${urls[$mode]}")
            value=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
            samples["$mode,$scenario"]+="$value "
            bad=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $5 }')
            non2xx["$mode,$scenario"]="${bad:-0}"
            line+=" $mode ${value}/s"
        done
        echo "$line"
    done
done

median() {
    tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

declare -A rps
for key in "${!samples[@]}"; do
    rps[$key]=$(echo "${samples[$key]}" | median)
done

echo
echo "| Scenario | no CORS (req/s) | Microsoft (req/s) | CorsKit (req/s) | Microsoft / no CORS | CorsKit / no CORS |"
echo "|---|---:|---:|---:|---:|---:|"
for scenario in "${scenarios[@]}"; do
    base="${rps[nocors,$scenario]}"; ms="${rps[ms,$scenario]}"; kit="${rps[corskit,$scenario]}"
    awk -v s="$scenario" -v b="$base" -v m="$ms" -v k="$kit" \
        'BEGIN { printf "| %s | %.0f | %.0f | %.0f | %.3f | %.3f |\n", s, b, m, k, m / b, k / b }'
done
echo
echo "(median of ${rounds} rounds; non-2xx responses in the last round: no CORS preflight ${non2xx[nocors,preflight]} -- without a"
echo " CORS middleware the OPTIONS request gets routing's 405 -- Microsoft ${non2xx[ms,preflight]}, CorsKit ${non2xx[corskit,preflight]})"
