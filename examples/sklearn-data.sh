# Sourced by the real-data examples: where Debian's python3-sklearn puts its
# data sets, and what to do when it is missing.
sklearn_data() {
  local f=/usr/lib/python3/dist-packages/sklearn/datasets/data/$1
  if [ ! -f "$f" ]; then
    echo "error: $f not found; install Debian's scikit-learn: apt-get install python3-sklearn" >&2
    exit 1
  fi
  echo "$f"
}
