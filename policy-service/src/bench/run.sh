#!/usr/bin/env bash
# Benchmarks of policy-service; results and how to read them: docs/benchmarks/policy.md.
#   policy-service/src/bench/run.sh rules    # JMH: rules core vs cedar-java, ns per decision
#   policy-service/src/bench/run.sh memory   # retained heap of a 1,000,000-account projection
#   policy-service/src/bench/run.sh http     # wrk: POST /v1/decisions, :batch, /q/health/live
# Run from anywhere; needs the other modules installed (./mvnw install once) and wrk for "http".
set -euo pipefail
MODULE="$(cd "$(dirname "$0")/../.." && pwd)"
ROOT="$(cd "$MODULE/.." && pwd)"
OUT="$MODULE/target/bench"
mkdir -p "$OUT"
DURATION="${DURATION:-20s}"

classpath() {
  (cd "$ROOT" && ./mvnw -q -o -Pbench -pl policy-service test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test) >&2
  echo "$MODULE/target/test-classes:$MODULE/target/classes:$(cat "$MODULE/target/bench.classpath")"
}

case "${1:-}" in
  rules)
    CP="$(classpath)"
    java -cp "$CP" dev.hubsso.policy.bench.BenchMain 2>&1 | tee "$OUT/rules.txt"
    ;;
  memory)
    CP="$(classpath)"
    java -Xmx2g -XX:+UseG1GC -cp "$CP" dev.hubsso.policy.bench.ProjectionMemory 2>&1 | tee "$OUT/memory.txt"
    ;;
  http)
    command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)"; exit 1; }
    # package first: a build without -Pbench recompiles the test classes without the benchmarks
    (cd "$ROOT" && ./mvnw -q -o -pl policy-service package -DskipTests)
    CP="$(classpath)"
    rm -rf "$OUT/http" && mkdir -p "$OUT/http"
    # broker + data; it stops when its stdin (the fifo) closes
    mkfifo "$OUT/http/stdin"
    java -cp "$CP" dev.hubsso.policy.bench.HttpBenchFixture "$OUT/http" < "$OUT/http/stdin" > "$OUT/http/fixture.log" 2>&1 &
    FIXTURE=$!
    exec 7> "$OUT/http/stdin"
    SERVICE=""
    cleanup() {
      [ -n "$SERVICE" ] && kill "$SERVICE" 2>/dev/null || true
      exec 7>&- || true
      wait "$FIXTURE" 2>/dev/null || true
    }
    trap cleanup EXIT
    for _ in $(seq 1 120); do [ -f "$OUT/http/bootstrap" ] && break; sleep 1; done
    [ -f "$OUT/http/bootstrap" ] || { cat "$OUT/http/fixture.log"; exit 1; }
    PORT=18084
    java -Xmx512m -Dkafka.bootstrap.servers="$(cat "$OUT/http/bootstrap")" -Dquarkus.http.host=127.0.0.1 \
        -Dquarkus.http.port=$PORT -Dquarkus.log.console.json.enabled=false -Dquarkus.log.level=WARN \
        -jar "$MODULE/target/quarkus-app/quarkus-run.jar" > "$OUT/http/service.log" 2>&1 &
    SERVICE=$!
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 1; done
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" | tr -d '\n' | cut -c1-300; echo
    BASE="http://127.0.0.1:$PORT"
    echo "== warm-up"
    wrk -t2 -c16 -d10s -s "$MODULE/src/bench/post.lua" "$BASE/v1/decisions" -- "$OUT/http/single.jsonl" > /dev/null
    wrk -t2 -c16 -d10s -s "$MODULE/src/bench/post.lua" "$BASE/v1/decisions:batch" -- "$OUT/http/batch.json" > /dev/null
    wrk -t2 -c16 -d5s "$BASE/q/health/live" > /dev/null
    {
      echo "== baseline: GET /q/health/live, 16 connections"
      wrk -t2 -c16 -d"$DURATION" --latency "$BASE/q/health/live"
      echo "== POST /v1/decisions, 16 connections"
      wrk -t2 -c16 -d"$DURATION" --latency -s "$MODULE/src/bench/post.lua" "$BASE/v1/decisions" -- "$OUT/http/single.jsonl"
      echo "== POST /v1/decisions:batch (1,000 questions per request), 16 connections"
      wrk -t2 -c16 -d"$DURATION" --latency -s "$MODULE/src/bench/post.lua" "$BASE/v1/decisions:batch" -- "$OUT/http/batch.json"
      echo "== POST /v1/decisions:batch (1,000 questions per request), 4 connections"
      wrk -t2 -c4 -d"$DURATION" --latency -s "$MODULE/src/bench/post.lua" "$BASE/v1/decisions:batch" -- "$OUT/http/batch.json"
    } 2>&1 | tee "$OUT/http.txt"
    ;;
  *)
    echo "usage: $0 rules|memory|http" >&2
    exit 2
    ;;
esac
