"""Runs the suite against the package the build assembles in
$NGRAPH_BUILD_DIR/python (default: build/ of this checkout), or an
installed ngraph when there is no build."""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("NGRAPH_BUILD_DIR", os.path.join(ROOT, "build"))
if os.path.isdir(os.path.join(BUILD, "python", "ngraph")):
    sys.path.insert(0, os.path.join(BUILD, "python"))
# Compiled graphs are cached in the build tree, not in ~/.cache.
os.environ.setdefault("XDG_CACHE_HOME", os.path.join(BUILD, "test", "cache"))
