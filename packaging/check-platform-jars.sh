#!/bin/sh
# Checks the jars of `mvn -B -DskipTests -Pall-platforms package`: each holds JavaFX's native libraries for its own
# platform and architecture (read from the binaries' headers with file(1)), none of another platform's, and runs
# Baton's command line (which touches no JavaFX class) here. Prints each jar's size. Exit 1 on the first problem.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

check() { # platform, glass library, what file(1) must say of it, natives of other platforms (regex)
    jar="target/baton-$1.jar"
    [ -f "$jar" ] || fail "$jar is missing (build it with: mvn -B -DskipTests -Pall-platforms package)"
    list=$(unzip -Z1 "$jar")
    echo "$list" | grep -qx "$2" || fail "$jar has no $2"
    if echo "$list" | grep -Eq "$4"; then fail "$jar carries another platform's natives: $(echo "$list" | grep -E "$4" | head -3 | tr '\n' ' ')"; fi
    unzip -p "$jar" "$2" > "$tmp/lib"
    kind=$(file -b "$tmp/lib")
    echo "$kind" | grep -Eq "$3" || fail "$jar: $2 is '$kind', expected /$3/"
    unzip -p "$jar" META-INF/MANIFEST.MF | grep -q '^Main-Class: dev.baton.app.Main' || fail "$jar has no Main-Class"
    java -Djava.awt.headless=true -jar "$jar" validate sample-flows/*.json > /dev/null 2>&1 \
        || fail "$jar: 'validate sample-flows/*.json' did not pass"
    echo "ok  $jar  $(du -h "$jar" | cut -f1)  $2: $kind" | cut -c1-150
}

check linux       libglass.so    'ELF 64-bit.*x86-64'    '\.(dll|dylib)$'
check win         glass.dll      'PE32\+.*x86-64'        '\.(so|dylib)$'
check mac         libglass.dylib 'Mach-O 64-bit.*x86_64' '\.(so|dll)$'
check mac-aarch64 libglass.dylib 'Mach-O 64-bit.*arm64'  '\.(so|dll)$'
