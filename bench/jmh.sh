#!/usr/bin/env bash
# JMH: Warden's verifier, cold and cached, RS256 and Ed25519, beside the bare JDK Signature.verify (the floor)
# in the same run; prints each as a ratio to its floor. ~2 minutes. Loopback only (the JWKS is served in-process).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -f bench/jmh/pom.xml package
java -jar bench/jmh/target/benchmarks.jar -f 1 -wi 3 -w 2s -i 5 -r 2s -rf json -rff bench/jmh/target/result.json "${@}" | grep -E '^(Benchmark|VerifyBenchmark)'
python3 - <<'PY'
import json
rows = {r["benchmark"].split(".")[-1]: r["primaryMetric"] for r in json.load(open("bench/jmh/target/result.json"))}
for name, m in rows.items():
    floor = rows["jdkEd25519" if "Ed25519" in name else "jdkRs256"]["score"]
    print(f"{name:22s} {m['score']:9.3f} ± {m['scoreError']:.3f} us/op   {m['score'] / floor:6.3f} x floor")
PY
