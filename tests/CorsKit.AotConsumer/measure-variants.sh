#!/usr/bin/env bash
# Measures the Native AOT binary of this app per CorsVariant (None, Microsoft, CorsKitInCode, CorsKit): binary size,
# and start-up time = from process start to the first successful HTTP response (median of RUNS runs; the variants take
# turns, so a change in machine load affects all of them alike), with the CPU time the app used until then (all its
# threads, from /proc/PID/task/*/schedstat), which a busy machine distorts far less than the wall-clock time. Not part
# of CI (one AOT publish per variant); the numbers are quoted in docs/aot.md.
# Usage: tests/CorsKit.AotConsumer/measure-variants.sh [RUNS [VARIANT...]]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-11}"
shift || true
variants=("$@")
if [ "${#variants[@]}" -eq 0 ]; then variants=(None Microsoft CorsKitInCode CorsKit); fi
rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)"
work="$(mktemp -d)"
version="0.0.0-measure.t$(date +%s)"
trap 'rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/corskit/$version"' EXIT

dotnet pack src/CorsKit/CorsKit.csproj -c Release -o "$work/feed" -p:UseArtifactsOutput=true \
    -p:ArtifactsPath="$work/artifacts" -p:MinVerVersionOverride="$version" -nodeReuse:false >/dev/null

for variant in "${variants[@]}"; do
    app="$work/$variant"
    mkdir -p "$app"
    cp tests/CorsKit.AotConsumer/*.cs tests/CorsKit.AotConsumer/*.csproj tests/CorsKit.AotConsumer/*.json \
        tests/CorsKit.AotConsumer/Directory.* "$app/"
    cat > "$app/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><add key="corskit-under-test" value="$work/feed" /></packageSources></configuration>
CONFIG
    dotnet publish "$app/CorsKit.AotConsumer.csproj" -c Release -r "$rid" -o "$app/out" -p:CorsVariant="$variant" \
        -p:CorsKitVersion="$version" -nodeReuse:false >"$app/publish.log" 2>&1 || { cat "$app/publish.log"; exit 1; }
    if [ -n "${MSTAT_DIR:-}" ]; then
        cp "$app/obj/Release/net10.0/$rid/native/CorsKit.AotConsumer.mstat" "$MSTAT_DIR/$variant.mstat"
    fi
done

# Start-up: milliseconds from starting the binary to the first 200 from /health, and the app's CPU time until then.
start_once() {
    local out="$1" port=$((20000 + RANDOM % 20000)) start end pid tries cpu_ns=0 task
    start=$(date +%s%N)
    (cd "$out" && exec ./CorsKit.AotConsumer --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
    pid=$!
    for ((tries = 0; tries < 2000; tries++)); do
        if curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then break; fi
        sleep 0.005
    done
    end=$(date +%s%N)
    for task in /proc/"$pid"/task/*/schedstat; do
        cpu_ns=$((cpu_ns + $(cut -d ' ' -f 1 "$task" 2>/dev/null || echo 0)))
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$(((end - start) / 1000000)) $((cpu_ns / 1000000))"
}

for variant in "${variants[@]}"; do : >"$work/$variant/times"; done
for ((i = 0; i < runs; i++)); do
    for variant in "${variants[@]}"; do
        start_once "$work/$variant/out" >>"$work/$variant/times"
    done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-14s %12s %12s %10s\n' variant "size (B)" "start (ms)" "CPU (ms)"
for variant in "${variants[@]}"; do
    printf '%-14s %12d %12d %10d\n' "$variant" "$(stat -c %s "$work/$variant/out/CorsKit.AotConsumer")" \
        "$(cut -d ' ' -f 1 "$work/$variant/times" | median)" "$(cut -d ' ' -f 2 "$work/$variant/times" | median)"
done
echo "load average at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
