# Checks on the built library as an app sees it: exported symbols, privacy
# of imports, the public headers on their own, and an installed copy used by
# a consumer.

if(BUILD_SHARED_LIBS)
  add_test(NAME symbols_exported
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_symbols.sh
            $<TARGET_FILE:letgo> ${PROJECT_SOURCE_DIR}/docs/symbols.txt)
  add_test(NAME privacy_undefined_symbols
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_privacy.sh $<TARGET_FILE:letgo>)
endif()

include(CheckLanguage)
check_language(CXX)
add_test(NAME headers_standalone
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_headers.sh
          ${PROJECT_SOURCE_DIR}/include ${CMAKE_C_COMPILER} "${CMAKE_CXX_COMPILER}")

add_test(NAME install_consumer
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/install_consumer.sh
          ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/consumer
          ${CMAKE_COMMAND} ${CMAKE_C_COMPILER})
set_tests_properties(install_consumer PROPERTIES TIMEOUT 300)

if(BUILD_SHARED_LIBS AND EXISTS ${PROJECT_SOURCE_DIR}/docs/abi/libletgo.so.0.abi)
  add_test(NAME abi_compatible
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/check_abi.sh $<TARGET_FILE:letgo>
            ${PROJECT_SOURCE_DIR}/docs/abi/libletgo.so.0.abi)
  set_tests_properties(abi_compatible PROPERTIES SKIP_RETURN_CODE 77)
endif()
