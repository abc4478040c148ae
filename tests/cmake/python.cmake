# The Python package's tests and demo, against the library just built.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND AND BUILD_SHARED_LIBS)
  set(LETGO_PY_ENV "LETGO_LIBRARY=$<TARGET_FILE:letgo>;PYTHONPATH=${PROJECT_SOURCE_DIR}/bindings/python;PYTHONDONTWRITEBYTECODE=1")
  add_test(NAME python_bindings
    COMMAND ${Python3_EXECUTABLE} -m unittest discover -v -s ${PROJECT_SOURCE_DIR}/bindings/python/tests)
  set_tests_properties(python_bindings PROPERTIES LABELS python ENVIRONMENT "${LETGO_PY_ENV}")
  add_test(NAME python_demo COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/examples/python/demo.py)
  set_tests_properties(python_demo PROPERTIES LABELS python ENVIRONMENT "${LETGO_PY_ENV}")
  # pip's offline install needs setuptools and wheel beside pip: Debian's
  # python3 has them (python3-pip, python3-wheel, python3-venv; test.sh
  # installs them), a bare interpreter may not.
  if(EXISTS /usr/bin/python3)
    set(LETGO_PIP_PYTHON /usr/bin/python3)
  else()
    set(LETGO_PIP_PYTHON ${Python3_EXECUTABLE})
  endif()
  add_test(NAME python_pip_install
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/scripts/python_install.sh ${LETGO_PIP_PYTHON}
            ${PROJECT_SOURCE_DIR} $<TARGET_FILE:letgo>)
  set_tests_properties(python_pip_install PROPERTIES LABELS python TIMEOUT 300)
endif()
