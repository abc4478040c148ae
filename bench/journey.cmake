# bench_journey: the whole journey in C (compare bench/python_journey.py).
add_executable(bench_journey ${CMAKE_CURRENT_LIST_DIR}/journey.c)
target_link_libraries(bench_journey PRIVATE letgo)
