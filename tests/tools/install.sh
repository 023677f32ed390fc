#!/usr/bin/env bash
# Installs the page-quality tools that tests/quality needs, and fails loudly when it cannot
# (the quality tests never skip):
#   - Node.js and npm (Debian `nodejs npm`), only when `node` or `npm` is missing;
#   - Java 11+ (Debian `default-jre-headless`), only when `java` is missing;
#   - axe-core and vnu-jar (the Nu HTML Checker), exact versions from package-lock.json,
#     with `npm ci` in this folder (node_modules/ is git-ignored).
# Fast when everything is there already: no apt-get, and no npm when node_modules/ was
# installed from the current package-lock.json.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MIN_JAVA=11   # vnu.jar needs Java 11 or later

fail() {
  echo "error: tests/tools/install.sh: $*" >&2
  exit 1
}

# -- Debian packages, only for what is missing ----------------------------------------------
packages=()
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
if ! command -v java >/dev/null 2>&1; then
  packages+=(default-jre-headless)
fi
if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    fail "missing ${packages[*]}; installing them needs root (apt-get install ${packages[*]})"
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    fail "missing ${packages[*]} and there is no apt-get to install them"
  fi
  echo "tests/tools: installing Debian packages: ${packages[*]}"
  # Slim Debian images lack this folder, which the JRE's post-install step expects.
  mkdir -p /usr/share/man/man1
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    || fail "could not install the Debian packages: ${packages[*]}"
fi

command -v node >/dev/null 2>&1 || fail "node is still missing after installing nodejs"
command -v npm >/dev/null 2>&1 || fail "npm is still missing after installing npm"
command -v java >/dev/null 2>&1 || fail "java is still missing after installing default-jre-headless"

java_version="$(java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)"
if [ -z "$java_version" ]; then
  fail "could not read the version of $(command -v java) (java -version: $(java -version 2>&1 | head -n 1))"
fi
if [ "$java_version" -lt "$MIN_JAVA" ]; then
  fail "java at $(command -v java) is version $java_version; the Nu HTML Checker needs $MIN_JAVA or later"
fi

# -- npm packages, exact versions from the lock file ----------------------------------------
AXE="$HERE/node_modules/axe-core/axe.min.js"
VNU="$HERE/node_modules/vnu-jar/build/dist/vnu.jar"
STAMP="$HERE/node_modules/.explainer-lock.sha256"
lock_sum="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"

if [ -f "$AXE" ] && [ -f "$VNU" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$lock_sum" ]; then
  : # already installed from this lock file
else
  echo "tests/tools: npm ci (axe-core, vnu-jar)"
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime from outside the
  # npm registry when it finds none; the Debian JRE above is the one used.
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) \
    || fail "npm ci failed in tests/tools"
  [ -f "$AXE" ] || fail "npm ci did not install $AXE"
  [ -f "$VNU" ] || fail "npm ci did not install $VNU"
  echo "$lock_sum" > "$STAMP"
fi

axe_version="$(node -p "require('$HERE/node_modules/axe-core/package.json').version")" \
  || fail "node cannot read axe-core's package.json"
vnu_version="$(node -p "require('$HERE/node_modules/vnu-jar/package.json').version")" \
  || fail "node cannot read vnu-jar's package.json"
echo "tests/tools: node $(node --version), java $java_version, axe-core $axe_version, vnu-jar $vnu_version"
