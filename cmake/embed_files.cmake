# clarity_embed_files(OUTPUT <file.cpp> FILES <files...> COMMENT <text>
#                     [NAMESPACE <ns> FUNCTION <name>])
# Generates OUTPUT at build time with cmake/embed_sources.cmake: a C++ source whose function
# (default clarity::detail::embedded_source) returns each file's text by its name.
function(clarity_embed_files)
  cmake_parse_arguments(EMBED "" "OUTPUT;COMMENT;NAMESPACE;FUNCTION" "FILES" ${ARGN})
  string(REPLACE ";" "|" inputs "${EMBED_FILES}")  # one command-line word
  set(extra "")
  if(EMBED_NAMESPACE)
    list(APPEND extra -DNAMESPACE=${EMBED_NAMESPACE})
  endif()
  if(EMBED_FUNCTION)
    list(APPEND extra -DFUNCTION=${EMBED_FUNCTION})
  endif()
  add_custom_command(
    OUTPUT ${EMBED_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${EMBED_OUTPUT} "-DINPUTS=${inputs}" ${extra}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_sources.cmake
    DEPENDS ${EMBED_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_sources.cmake
    COMMENT "${EMBED_COMMENT}"
    VERBATIM)
endfunction()
