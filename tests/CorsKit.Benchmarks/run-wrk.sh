#!/usr/bin/env bash
# End-to-end load test: the benchmark API (tests/CorsKit.Benchmarks/ServeHost.cs, policy BenchPolicy.Standard) on
# Kestrel, run three ways -- no CORS, Microsoft.AspNetCore.Cors, CorsKit -- each loaded from loopback with wrk for a
# bounded time with allowed actual requests (wrk/actual.lua) and allowed preflights (wrk/preflight.lua). Prints
# requests/second and the ratio of each CORS pipeline to no CORS.
#
# Usage: tests/CorsKit.Benchmarks/run-wrk.sh            (defaults: 10 s per run, 2 threads, 32 connections)
#        DURATION=5s THREADS=1 CONNECTIONS=16 PORT=5399 tests/CorsKit.Benchmarks/run-wrk.sh
# Needs wrk (Debian package "wrk"; installed with apt-get when missing and running as root).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
duration="${DURATION:-10s}"
warmup="${WARMUP:-3s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
port="${PORT:-5399}"
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

server_pid=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
trap stop_server EXIT

start_server() {
    dotnet "$dll" --serve "$1" --urls "$url" >/dev/null 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        if curl -s -o /dev/null "$url/api/todos"; then
            return 0
        fi
        sleep 0.2
    done
    echo "the $1 host did not start on $url" >&2
    exit 1
}

# Shows that the host really applies (or not) CORS: the preflight's status and Access-Control-Allow-Origin.
show_preflight() {
    local status acao
    status=$(curl -s -o /dev/null -w '%{http_code}' -X OPTIONS -H 'Origin: http://localhost:3000' \
        -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-request-id' "$url/api/todos/1")
    acao=$(curl -s -D - -o /dev/null -H 'Origin: http://localhost:3000' "$url/api/todos" | tr -d '\r' \
        | sed -n 's/^[Aa]ccess-[Cc]ontrol-[Aa]llow-[Oo]rigin: //p')
    echo "  check: preflight -> $status, actual GET -> ACAO '${acao}'"
}

declare -A rps
echo "wrk: ${duration} per run (after a ${warmup} warm-up), ${threads} threads, ${connections} connections, $url"
for mode in "${modes[@]}"; do
    echo "== $mode"
    start_server "$mode"
    show_preflight
    for scenario in "${scenarios[@]}"; do
        wrk -t "$threads" -c "$connections" -d "$warmup" -s "$here/wrk/$scenario.lua" "$url" >/dev/null
        out=$(wrk -t "$threads" -c "$connections" -d "$duration" -s "$here/wrk/$scenario.lua" "$url")
        value=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
        non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $5 }')
        rps["$mode,$scenario"]="$value"
        echo "  $scenario: ${value} requests/s${non2xx:+ (${non2xx} non-2xx responses)}"
    done
    stop_server
done

echo
echo "| Scenario | no CORS (req/s) | Microsoft (req/s) | CorsKit (req/s) | Microsoft / no CORS | CorsKit / no CORS |"
echo "|---|---:|---:|---:|---:|---:|"
for scenario in "${scenarios[@]}"; do
    base="${rps[nocors,$scenario]}"; ms="${rps[ms,$scenario]}"; kit="${rps[corskit,$scenario]}"
    awk -v s="$scenario" -v b="$base" -v m="$ms" -v k="$kit" \
        'BEGIN { printf "| %s | %.0f | %.0f | %.0f | %.3f | %.3f |\n", s, b, m, k, m / b, k / b }'
done
