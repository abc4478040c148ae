# Compiles the built-in content packs into the library.
#
# letgo_embed_packs(OUT_VAR name...) adds a custom command that turns
# content/<name>.json (those that exist) into one C file of byte arrays,
# listed in load order as lgi_builtin_packs[]. Only CMake and the compiler
# are needed; the generated file lives in the build tree and is never
# committed.

set(LETGO_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_packs_run.cmake)

function(letgo_embed_packs out_var)
  set(files "")
  foreach(name IN LISTS ARGN)
    set(f ${PROJECT_SOURCE_DIR}/content/${name}.json)
    if(EXISTS ${f})
      list(APPEND files ${f})
    endif()
  endforeach()
  # Re-run the configure step when a pack appears or disappears.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/content)
  set(out ${PROJECT_BINARY_DIR}/generated/builtin_packs.c)
  string(REPLACE ";" "|" packed "${files}")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DFILES=${packed}" -P ${LETGO_EMBED_SCRIPT}
    DEPENDS ${files} ${LETGO_EMBED_SCRIPT}
    COMMENT "Embedding the built-in content packs"
    VERBATIM)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
