# The letgo program end to end (tests/cli/test_cli.py, stdlib unittest):
# golden outputs, the questionnaire through a pipe and a pseudo-terminal,
# exit codes, JSON, NO_COLOR and a decimal-comma locale. One CTest test per
# test class, so they run in parallel. LETGO_UPDATE_GOLDEN=1 in the
# environment rewrites tests/data/cli/*.out instead of comparing.
if(LETGO_BUILD_EXAMPLES AND EXISTS ${PROJECT_SOURCE_DIR}/examples/CMakeLists.txt)
  find_package(Python3 COMPONENTS Interpreter)
  # The wrapper of the unit tests (valgrind, qemu) wraps the program too.
  set(LETGO_CLI_ENV "LETGO_BIN=$<TARGET_FILE:letgo_cli>;LETGO_SOURCE_DIR=${PROJECT_SOURCE_DIR}")
  if(LETGO_TEST_WRAPPER)
    list(JOIN LETGO_TEST_WRAPPER " " wrapper)
    string(APPEND LETGO_CLI_ENV ";LETGO_CLI_WRAPPER=${wrapper}")
  elseif(CMAKE_CROSSCOMPILING_EMULATOR)
    list(JOIN CMAKE_CROSSCOMPILING_EMULATOR " " wrapper)
    string(APPEND LETGO_CLI_ENV ";LETGO_CLI_WRAPPER=${wrapper}")
  endif()
  if(Python3_Interpreter_FOUND AND NOT WIN32)
    foreach(group Golden Json Stdin Pty ExitCode Locale Demo)
      string(TOLOWER ${group} lower)
      add_test(NAME cli_${lower}
        COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/cli/test_cli.py -v ${group}Tests)
      set_tests_properties(cli_${lower} PROPERTIES LABELS cli
        ENVIRONMENT "${LETGO_CLI_ENV}")
    endforeach()
  endif()
endif()
