# bench_assess: one full "one-sided" session (create, answer 9, score, free).
add_executable(bench_assess ${CMAKE_CURRENT_LIST_DIR}/assess.c)
target_link_libraries(bench_assess PRIVATE letgo)
