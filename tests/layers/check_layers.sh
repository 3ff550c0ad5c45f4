#!/usr/bin/env bash
# The layers of DESIGN.md §5: every #include "FOLDER/..." of a file in
# src/LAYER/ must name LAYER itself or a lower layer. Folders on one rank
# (net, store, report; sources, history) are peers and do not include each
# other. Prints every include that breaks the order, and exits 1 if any.
#   tests/layers/check_layers.sh SRC_DIR
set -euo pipefail
src=${1:?usage: check_layers.sh SRC_DIR}

declare -A rank=(
  [core]=0
  [util]=1
  [net]=2 [store]=2 [report]=2
  [sources]=3 [history]=3
  [collect]=4
  [cli]=5
)

broken=0
checked=0
while IFS= read -r file; do
  layer=${file#"$src"/}
  layer=${layer%%/*}
  [[ -n ${rank[$layer]:-} ]] || { echo "$file: the folder $layer has no layer in check_layers.sh"; broken=1; continue; }
  while IFS=: read -r line include; do
    folder=${include%%/*}
    [[ -n ${rank[$folder]:-} ]] || continue # a generated or third-party header
    checked=$((checked + 1))
    if [[ $folder != "$layer" ]] && ((rank[$folder] >= rank[$layer])); then
      echo "${file#"$src"/}:$line: includes \"$include\": $layer may include only lower layers"
      broken=1
    fi
  done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" |
    sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/')
done < <(find "$src" -name '*.cpp' -o -name '*.hpp' | sort)

if ((broken)); then
  exit 1
fi
echo "layers: $checked includes follow DESIGN.md §5"
