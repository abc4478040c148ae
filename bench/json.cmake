# json_bench: the JSON reader against cJSON's cJSON_ParseWithLength on the
# same file in the same run (MB/s for both and the ratio). cJSON is a
# benchmark-only dependency (Debian: libcjson-dev).
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(LETGO_CJSON QUIET IMPORTED_TARGET libcjson)
endif()
if(LETGO_CJSON_FOUND)
  set(LETGO_CJSON_TARGET PkgConfig::LETGO_CJSON)
else()
  find_library(LETGO_CJSON_LIB cjson)
  find_path(LETGO_CJSON_INCLUDE cJSON.h PATH_SUFFIXES cjson)
  if(LETGO_CJSON_LIB AND LETGO_CJSON_INCLUDE)
    add_library(letgo_cjson UNKNOWN IMPORTED)
    set_target_properties(letgo_cjson PROPERTIES
      IMPORTED_LOCATION ${LETGO_CJSON_LIB}
      INTERFACE_INCLUDE_DIRECTORIES ${LETGO_CJSON_INCLUDE})
    set(LETGO_CJSON_TARGET letgo_cjson)
  endif()
endif()

if(NOT LETGO_CJSON_TARGET)
  message(WARNING "json_bench needs cJSON (Debian: libcjson-dev); not built")
else()
  # The reader is internal (lgi_json_parse): link a static library of the
  # objects, which keeps the lgi_ symbols and pulls in only what is used.
  if(NOT TARGET letgo_benchlib)
    add_library(letgo_benchlib STATIC $<TARGET_OBJECTS:letgo_objects>)
    target_include_directories(letgo_benchlib PUBLIC
      ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  endif()
  add_executable(json_bench ${CMAKE_CURRENT_SOURCE_DIR}/json_bench.c)
  target_link_libraries(json_bench PRIVATE letgo_benchlib ${LETGO_CJSON_TARGET} m)
  target_compile_options(json_bench PRIVATE
    $<$<C_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Werror>)
endif()
