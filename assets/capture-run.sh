#!/usr/bin/env bash
# Records a live run of a sample flow as a screenshot sequence and an animated GIF, under a virtual display.
# Needs: Xvfb, xdotool, ImageMagick (import, convert), a built target/baton.jar. Not part of the tests.
#   assets/capture-run.sh [FLOW] [INPUT] [OUT.gif]
set -euo pipefail
cd "$(dirname "$0")/.."
flow=${1:-sample-flows/supervisor-market-entry-japan.json}
input=${2:-Should we enter the Japanese market with our B2B invoicing SaaS?}
out=${3:-assets/run-live.gif}
display=:97
frames=$(mktemp -d)
home=$(mktemp -d)
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$app" "$xvfb" 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$frames"; rm -rf "$home"' EXIT
sleep 1
DISPLAY=$display java -Dbaton.home="$home" -Dbaton.sim.latency=${LATENCY:-600} -Dbaton.sim.tps=${TPS:-300} -jar target/baton.jar "$flow" --run "$input" \
    >/dev/null 2>&1 &
app=$!
for _ in $(seq 1 60); do   # wait for the window, then film from the first frame
    DISPLAY=$display xdotool search --name 'Baton' >/dev/null 2>&1 && break
    sleep 0.5
done
sleep 1.5
for i in $(seq -w 1 ${FRAMES:-18}); do
    DISPLAY=$display import -window root "$frames/f$i.png"
    sleep 0.25
done
mkdir -p "$(dirname "$out")"
cp "$frames/f${MID:-06}.png" "${out%.gif}.png"; cp "$(ls "$frames"/f*.png | tail -1)" "${out%.gif}-end.png"
last=$(ls "$frames"/f*.png | tail -1)
convert -loop 0 -delay 50 $(ls "$frames"/f*.png | sed '$d') -delay 400 "$last" -resize 960x -layers Optimize "$out"
echo "wrote $out, ${out%.gif}.png (mid-run) and ${out%.gif}-end.png${KEEP:+ (frames kept in $frames)}"
