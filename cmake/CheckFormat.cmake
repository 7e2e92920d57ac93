# SPDX-License-Identifier: Apache-2.0
# Fails when a C++ file under src/, tests/ or bench/ differs from what the repository's
# .clang-format (clang-format 14) would make of it. Fix with `make format`.
# Usage: cmake -DROOT=path/to/repo -DCLANG_FORMAT=path/to/clang-format -P CheckFormat.cmake
cmake_policy(VERSION 3.25)
if(NOT CLANG_FORMAT OR NOT EXISTS "${CLANG_FORMAT}")
  message(FATAL_ERROR "clang-format not found; run scripts/install-deps.sh (it installs it)")
endif()
file(GLOB_RECURSE files
  ${ROOT}/src/*.h ${ROOT}/src/*.cpp
  ${ROOT}/tests/*.h ${ROOT}/tests/*.cpp
  ${ROOT}/bench/*.h ${ROOT}/bench/*.cpp)
list(SORT files)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${files}
                WORKING_DIRECTORY ${ROOT}
                RESULT_VARIABLE rc
                ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message("${err}")
  message(FATAL_ERROR "clang-format: files above are not formatted; run `make format`")
endif()
list(LENGTH files count)
message(STATUS "clang-format: ${count} files formatted")
