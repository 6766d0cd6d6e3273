# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "NGRAPH"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py",
                   # graph files used by a .test of the same name
                   "checker-fails.test.mlir", "big.test.mlir",
                   "scalar-dot-fusion.test.mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.ngraph_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%examples", os.path.join(config.ngraph_src_root, "examples")))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))
# Reference computations use Debian's NumPy, which serves /usr/bin/python3.
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%ngraph_bin", config.ngraph_tools_dir))

llvm_config.with_system_environment(["HOME", "INCLUDE", "LIB", "TMP", "TEMP"])
llvm_config.use_default_substitutions()
# The runner's compile cache (on by default) lives in the build tree, not
# in the user's ~/.cache: tests that run a graph twice load it from there.
config.environment["XDG_CACHE_HOME"] = os.path.join(config.test_exec_root, "cache")

tool_dirs = [config.ngraph_tools_dir, config.llvm_tools_dir]
tools = ["ngraph-opt", "ngraph-runner", "ngraph-compile", "ngraph-lsp-server", "ngraph-reduce", "mlir-translate", "llc", "FileCheck", "not", "count"]
llvm_config.add_tool_substitutions(tools, tool_dirs)
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.ngraph_tools_dir, append_path=True)

# Data-parallel tests start ranks with Debian's OpenMPI. --oversubscribe lets
# more ranks than cores run (2-core CI); OpenMPI refuses root without the
# two variables (CI containers run as root).
# In the ASan build, ranks keep every check but leak detection: OpenMPI's
# threads and unloaded plugins hold memory at exit that LeakSanitizer
# reports from "<unknown module>" (no stack to suppress it by). The runner's
# own leaks are still checked by every test that runs it without mpirun.
config.substitutions.append(("%mpirun", "mpirun --oversubscribe --bind-to none -x LSAN_OPTIONS=detect_leaks=0"))
if hasattr(os, "geteuid") and os.geteuid() == 0:
    config.environment["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    config.environment["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
