# The plan's exports checked by real consumers: python3-icalendar parses the
# iCalendar export and every task must round-trip; khal imports it. Both
# skip (CTest SKIP_RETURN_CODE 77) when the tool is not installed.
add_executable(plan_export_tool ${CMAKE_CURRENT_LIST_DIR}/../plan_export_tool.c)
target_link_libraries(plan_export_tool PRIVATE letgo_testsupport)

set(LETGO_PLAN_PYTHON /usr/bin/python3)
set(LETGO_PLAN_SCRIPTS ${CMAKE_CURRENT_LIST_DIR}/../data/plan)

add_test(NAME plan_ical_roundtrip
  COMMAND ${LETGO_PLAN_PYTHON} ${LETGO_PLAN_SCRIPTS}/check_ical.py
          $<TARGET_FILE:plan_export_tool> ${CMAKE_CURRENT_BINARY_DIR}/plan_ical)
set_tests_properties(plan_ical_roundtrip PROPERTIES SKIP_RETURN_CODE 77)

add_test(NAME plan_ical_khal_import
  COMMAND ${LETGO_PLAN_PYTHON} ${LETGO_PLAN_SCRIPTS}/check_khal.py
          $<TARGET_FILE:plan_export_tool> ${CMAKE_CURRENT_BINARY_DIR}/plan_khal)
set_tests_properties(plan_ical_khal_import PROPERTIES SKIP_RETURN_CODE 77)
