# Installs the headers, the library, letgo.pc and the CMake package
# (find_package(letgo 0.1) -> letgo::letgo).
include(CMakePackageConfigHelpers)

install(TARGETS letgo EXPORT letgoTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/letgo
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

set(LETGO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/letgo)
install(EXPORT letgoTargets NAMESPACE letgo:: DESTINATION ${LETGO_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/letgoConfig.cmake.in
  ${PROJECT_BINARY_DIR}/letgoConfig.cmake
  INSTALL_DESTINATION ${LETGO_CMAKE_DIR})
# While the major version is 0, a minor version may break the API.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(LETGO_COMPAT SameMinorVersion)
else()
  set(LETGO_COMPAT SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/letgoConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${LETGO_COMPAT})
install(FILES ${PROJECT_BINARY_DIR}/letgoConfig.cmake ${PROJECT_BINARY_DIR}/letgoConfigVersion.cmake
  DESTINATION ${LETGO_CMAKE_DIR})

# letgo.pc lives in <libdir>/pkgconfig; its prefix is found from there.
set(LETGO_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH LETGO_PC_RELPREFIX /prefix/${LETGO_PC_DIR} /prefix)
string(REGEX REPLACE "/$" "" LETGO_PC_RELPREFIX "${LETGO_PC_RELPREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/pkgconfig/letgo.pc.in ${PROJECT_BINARY_DIR}/letgo.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/letgo.pc DESTINATION ${LETGO_PC_DIR})
