#!/bin/sh
# Fetch the WebAssembly Graphviz that the step-through player uses when the `dot` program is
# missing (@viz-js/viz from the npm registry) into autograd_nn/viz/vendor/viz-js/, with its
# version and checksum recorded in VERSION. Usage: scripts/fetch_viz_js.sh [VERSION]
# (default: the version recorded now; "latest" for the newest). Needs npm and tar.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
target="$here/autograd_nn/viz/vendor/viz-js"
version=${1:-$(sed -n 's/^version: //p' "$target/VERSION")}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@viz-js/viz@$version" >/dev/null)
tar -xzf "$work"/viz-js-viz-*.tgz -C "$work"
package="$work/package"
got=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' "$package/package.json" | head -n 1)
graphviz=$(sed -n 's/^export const graphvizVersion = "\(.*\)";$/\1/p' "$package/lib/metadata.js")
cp "$package/dist/viz-global.js" "$target/viz-global.js"
sum=$(sha256sum "$target/viz-global.js" | cut -d' ' -f1)
cat > "$target/VERSION" <<END
package: @viz-js/viz
version: $got
file: dist/viz-global.js (copied as viz-global.js)
graphviz: $graphviz (lib/metadata.js of the package)
sha256: $sum
updated by: scripts/fetch_viz_js.sh
END
echo "vendored @viz-js/viz $got (Graphviz $graphviz) into $target"
