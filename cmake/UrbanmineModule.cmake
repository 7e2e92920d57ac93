# SPDX-License-Identifier: Apache-2.0
# urbanmine_add_module(NAME DEPS dep...): a static library urbanmine_NAME (alias urbanmine::NAME)
# from every .cpp in src/NAME, public include root src/, linked only to what the dependency table
# of STYLE.md allows (DEPS).
function(urbanmine_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  add_library(urbanmine_${name} STATIC ${sources})
  add_library(urbanmine::${name} ALIAS urbanmine_${name})
  target_compile_features(urbanmine_${name} PUBLIC cxx_std_20)
  set_target_properties(urbanmine_${name} PROPERTIES CXX_EXTENSIONS OFF)
  target_include_directories(urbanmine_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(urbanmine_${name} PUBLIC ${ARG_DEPS} PRIVATE urbanmine_warnings
                        ${ARG_PRIVATE_DEPS})
endfunction()
