#!/bin/bash
# Checks the app image of `mvn -B -Pinstaller -DskipTests package` on Linux: its launcher validates and runs flows,
# its jlinked runtime does TLS with an EC certificate (a loopback OpenAI-compatible HTTPS server), and it opens the
# designer under a virtual display (screenshot in target/installer/). Needs xvfb, imagemagick, openssl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
app=target/installer/Baton
cli="$app/bin/baton-cli"
[ -x "$cli" ] || { echo "FAIL: no $cli (build it with: mvn -B -Pinstaller -DskipTests package)" >&2; exit 1; }
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -- "-$p" 2>/dev/null || kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# a home of its own: no recent files, autosaves or keys of the person running this, and nothing left behind there
export JAVA_TOOL_OPTIONS="-Dbaton.home=$tmp/home"

echo "runtime modules: $(sed -n 's/^MODULES="\(.*\)"/\1/p' "$app/lib/runtime/release")"
echo "sizes: app image $(du -sh "$app" | cut -f1), runtime $(du -sh "$app/lib/runtime" | cut -f1)$(ls target/installer/*.deb >/dev/null 2>&1 && echo ", .deb $(du -h target/installer/*.deb | cut -f1)")"

# 1. the command line from the installed launcher
"$cli" validate sample-flows/*.json > /dev/null 2>&1 || fail "validate of the samples"
echo '{"format": "baton.flow/1"' > "$tmp/broken.json"
if "$cli" validate "$tmp/broken.json" > /dev/null 2>&1; then fail "a broken flow validated"; fi
echo "ok  validate (samples pass, a broken file fails)"
out=$("$cli" run sample-flows/chain-blog-article.json --input "Heat pumps in old houses" --no-input \
      --audit "$tmp/audit" 2> "$tmp/run.err") || fail "run: $(tail -3 "$tmp/run.err")"
[ -n "$out" ] || fail "run printed no answer"
run_id=$(sed -n 's/^audit: recorded as \(run-[^ ]*\).*/\1/p' "$tmp/run.err")
"$cli" audit export "$run_id" --db "$tmp/audit" --format otlp -o "$tmp/trace.json" > /dev/null
echo "ok  run ($(wc -c <<< "$out") bytes of answer, recorded as $run_id, $(grep -o '"spanId"' "$tmp/trace.json" | wc -l) spans exported)"

# 2. TLS from the jlinked runtime: EC certificate, ECDHE key exchange
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$tmp/key.pem" \
    -out "$tmp/cert.pem" -days 1 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 2> /dev/null
keytool -importcert -file "$tmp/cert.pem" -keystore "$tmp/trust.p12" -storetype PKCS12 -storepass changeit \
    -noprompt -alias fake > /dev/null 2>&1
setsid python3 packaging/tls-openai-fake.py "$tmp/cert.pem" "$tmp/key.pem" "$tmp/port" 2> "$tmp/tls.log" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || fail "the HTTPS fake did not start"
tls_out=$(JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS -Djavax.net.ssl.trustStore=$tmp/trust.p12 -Djavax.net.ssl.trustStorePassword=changeit" \
    "$cli" run sample-flows/swarm-customer-support.json --input "I was charged twice" --no-input --no-audit \
    --provider openai-compatible --model fake-model --base-url "https://127.0.0.1:$(cat "$tmp/port")/v1" \
    2> "$tmp/tls-run.err") || fail "run over TLS: $(tail -3 "$tmp/tls-run.err")"
grep -q "Answer over TLS" <<< "$tls_out" || fail "no answer from the HTTPS fake: $tls_out"
echo "ok  HTTPS: $(head -1 <<< "$tls_out" | cut -c1-40) / cipher $(sed -n 's/.* \([A-Z0-9_-]*\)$/\1/p' "$tmp/tls.log" | sort -u | tr '\n' ' ')"

# 3. the designer under a virtual display
display=":$((90 + RANDOM % 8))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
pids+=($!)
sleep 1
DISPLAY="$display" setsid "$app/bin/Baton" > "$tmp/gui.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    DISPLAY="$display" xwininfo -root -tree 2> /dev/null | grep -q '"Baton' && break
    sleep 0.5
done
DISPLAY="$display" xwininfo -root -tree | grep -q '"Baton' || fail "no Baton window: $(tail -3 "$tmp/gui.log")"
shot=target/installer/app-image-designer.png
for _ in $(seq 60); do # until something is drawn (the window exists before its first frame)
    DISPLAY="$display" /usr/bin/import -window root "$shot"
    [ "$(/usr/bin/convert "$shot" -format '%[fx:standard_deviation>0.02]' info:)" = 1 ] && break
    sleep 0.5
done
[ "$(/usr/bin/convert "$shot" -format '%[fx:standard_deviation>0.02]' info:)" = 1 ] || fail "the designer drew nothing"
echo "ok  designer window: $(DISPLAY="$display" xwininfo -root -tree | grep -o '"Baton[^"]*"' | head -1), screenshot $shot"
