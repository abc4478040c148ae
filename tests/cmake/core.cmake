# The core's extra checks.
#
# core_wipe_<cc>_<opt>: builds tests/core/wipe_check.c (which includes
# src/core/wipe.c, so the optimiser can inline lgi_wipe) with a malloc
# replacement whose free inspects the block, at -O2 and -O3, with gcc and
# with clang when they are installed, and runs it: the secret must be zero
# when free sees it. The program also reports that a plain memset in the
# same place is deleted, which is why lgi_wipe exists.
set(LETGO_WIPE_DIR ${CMAKE_CURRENT_SOURCE_DIR}/core)
foreach(cc gcc clang)
  find_program(LETGO_WIPE_${cc} ${cc})
  if(LETGO_WIPE_${cc})
    foreach(opt O2 O3)
      set(exe ${CMAKE_CURRENT_BINARY_DIR}/wipe_check_${cc}_${opt})
      add_test(NAME core_wipe_${cc}_${opt}
        COMMAND sh -c "\"$0\" -std=c99 -$1 -Wall -Wextra -Werror -I\"$2/src\" -I\"$2/include\" \"$3/wipe_check.c\" \"$3/wipe_hook.c\" -o \"$4\" && \"$4\""
                ${LETGO_WIPE_${cc}} ${opt} ${PROJECT_SOURCE_DIR} ${LETGO_WIPE_DIR} ${exe})
    endforeach()
  endif()
endforeach()
