# Reliability tests: the thread test links pthreads (test-only: the library
# itself uses no threads); the allocation-failure and hostile-input tests get
# more time than the default, for the valgrind builds.
if(TARGET test_threads)
  set(THREADS_PREFER_PTHREAD_FLAG ON)
  find_package(Threads REQUIRED)
  target_link_libraries(test_threads PRIVATE Threads::Threads)
  set_tests_properties(test_threads PROPERTIES TIMEOUT 900)
endif()
foreach(t test_journeys test_hostile test_privacy)
  if(TARGET ${t})
    set_tests_properties(${t} PROPERTIES TIMEOUT 900)
  endif()
endforeach()
