# bench_plan: microseconds to build a 42-day plan and to export it as JSON,
# iCalendar and Markdown (target: under 100 microseconds each).
add_executable(bench_plan ${CMAKE_CURRENT_LIST_DIR}/plan.c)
target_link_libraries(bench_plan PRIVATE letgo)
