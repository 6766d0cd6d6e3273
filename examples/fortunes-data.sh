# Sourced by the character-level examples: the English text of Debian's
# fortunes package (the fortune files, about 2.4 MB), installed when
# missing (as root). Prints a --data text: spec of its files.
fortunes_dir=/usr/share/games/fortunes
fortunes_spec() {
  local opts="$1"
  if [ ! -f "$fortunes_dir/fortunes" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing Debian's fortunes (English text, 850 kB)" >&2
      apt-get install -y -qq fortunes >&2 || {
        echo "error: apt-get install fortunes failed" >&2; exit 1; }
    else
      echo "error: $fortunes_dir/fortunes not found; install it: apt-get install fortunes" >&2
      exit 1
    fi
  fi
  # The text files (not the .dat indexes or the .u8 links), in name order.
  local files
  files=$(find "$fortunes_dir" -maxdepth 1 -type f ! -name '*.dat' ! -name '*.u8' | LC_ALL=C sort | paste -sd, -)
  echo "text:$files;$opts"
}
