# bench/search: lg_catalog_search against SQLite FTS5 (see bench/search.c).
find_package(PkgConfig REQUIRED)
pkg_check_modules(LETGO_SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
add_executable(bench_search ${CMAKE_CURRENT_LIST_DIR}/search.c)
set_target_properties(bench_search PROPERTIES OUTPUT_NAME search
  RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
target_link_libraries(bench_search PRIVATE letgo PkgConfig::LETGO_SQLITE3 m)
target_compile_options(bench_search PRIVATE $<$<C_COMPILER_ID:GNU,Clang>:-Wall -Wextra>)
