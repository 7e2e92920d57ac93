# SPDX-License-Identifier: Apache-2.0
# Fails when a module includes a module or third-party header that STYLE.md section 2 forbids.
# Usage: cmake -DSRC=path/to/src -P CheckIncludes.cmake
cmake_policy(VERSION 3.25)
set(allowed_core "core")
set(allowed_results "core;results")
set(allowed_mfa "core;mfa")
set(allowed_fleet "core;mfa;fleet")
set(allowed_chain "core;results;mfa;fleet;plant;chain")
set(allowed_plant "core;plant")
set(allowed_plan "core;plant;plan")
set(allowed_match "core;match")
set(allowed_risk "core;mfa;risk")
set(allowed_policy "core;mfa;plant;policy")
set(allowed_market "core;mfa;plant;risk;policy;market")
set(allowed_passport "core;plant;passport")
set(allowed_uncertainty "core;uncertainty")
set(allowed_io "core;results;mfa;fleet;chain;plant;plan;match;risk;policy;market;passport;uncertainty;io")
set(allowed_report "core;results;io;report")
set(allowed_model "core;results;mfa;fleet;chain;plant;plan;risk;policy;market;io;report;model")
set(allowed_engine "core;results;mfa;fleet;chain;plant;plan;match;risk;policy;market;passport;uncertainty;io;report;model;engine")
set(allowed_cli "core;results;io;report;engine;server;cli")
set(allowed_server "core;results;io;report;engine;server")
# Third-party headers and the modules that may include them.
set(third_party_rules
  "nlohmann/=io,server"
  "CLI/=cli"
  "httplib.h=server"
  "sqlite3.h=io"
  "xlsxwriter=io"
  "toml++/=io"
  "openssl/=io"
  "date/=io"
  "coin/=plant,match,plan,chain")
set(modules core results mfa fleet chain plant plan match risk policy market passport uncertainty io report model engine cli server)
set(violations "")
foreach(module ${modules})
  file(GLOB_RECURSE files ${SRC}/${module}/*.h ${SRC}/${module}/*.cpp)
  foreach(f ${files})
    file(STRINGS ${f} lines REGEX "^#include")
    foreach(line ${lines})
      if(line MATCHES "^#include \"([a-z_]+)/")
        set(dep ${CMAKE_MATCH_1})
        if(NOT dep IN_LIST allowed_${module})
          list(APPEND violations "${f}: ${module} may not include ${dep}: ${line}")
        endif()
      elseif(line MATCHES "^#include <(.*)>")
        set(header ${CMAKE_MATCH_1})
        foreach(rule ${third_party_rules})
          string(REPLACE "=" ";" parts "${rule}")
          list(GET parts 0 prefix)
          list(GET parts 1 owners)
          string(FIND "${header}" "${prefix}" pos)
          if(pos EQUAL 0)
            string(REPLACE "," "|" owner_regex "${owners}")
            if(NOT module MATCHES "^(${owner_regex})$")
              list(APPEND violations "${f}: ${header} belongs in ${owners} only")
            endif()
          endif()
        endforeach()
      endif()
    endforeach()
  endforeach()
endforeach()
if(violations)
  list(JOIN violations "\n" text)
  message(FATAL_ERROR "include layering violations:\n${text}")
endif()
message(STATUS "include layering OK")
