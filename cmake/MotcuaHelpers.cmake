# motcua_cc_library(NAME <module> [HDRS ...] SRCS ... [DEPS ...] [PUBLIC_DEPS ...] [PURE])
#   Declares the library motcua_<module> with the alias motcua::<module>.
#   Includes resolve from the repository root ("storage/writer.h").
#   PURE marks a domain library: it may link only motcua::common and absl, which is checked here.
function(motcua_cc_library)
  cmake_parse_arguments(ARG "PURE" "NAME" "HDRS;SRCS;DEPS;PUBLIC_DEPS" ${ARGN})
  set(target motcua_${ARG_NAME})
  if(ARG_SRCS)
    add_library(${target} STATIC ${ARG_SRCS} ${ARG_HDRS})
    target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/proto)
    target_link_libraries(${target} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_DEPS})
  else()
    add_library(${target} INTERFACE ${ARG_HDRS})
    target_include_directories(${target} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${target} INTERFACE ${ARG_PUBLIC_DEPS} ${ARG_DEPS})
  endif()
  add_library(motcua::${ARG_NAME} ALIAS ${target})
  if(ARG_PURE)
    foreach(dep IN LISTS ARG_DEPS ARG_PUBLIC_DEPS)
      if(NOT dep MATCHES "^(absl::|motcua::common$|motcua::calendar$|motcua::workflow$|motcua::deadlines$|motcua::catalog$|motcua::dossier$|Threads::Threads$)")
        message(FATAL_ERROR "${target} is a pure domain library and may not depend on ${dep}")
      endif()
    endforeach()
  endif()
endfunction()

# motcua_cc_binary(NAME <exe> SRCS ... DEPS ...): an executable in build/bin/.
function(motcua_cc_binary)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/proto)
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS})
endfunction()

# motcua_cc_test(NAME <test> SRCS ... DEPS ... [LABELS ...] [TIMEOUT s])
#   One GoogleTest executable; every TEST is registered with ctest (gtest_discover_tests).
function(motcua_cc_test)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR} ${PROJECT_BINARY_DIR}/proto)
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} motcua::testing GTest::gtest GTest::gmock GTest::gtest_main)
  # Tests without labels are unit tests. Labels are set through an include file because
  # gtest_discover_tests flattens a multi-value PROPERTIES argument (LABELS "a;b" would lose b).
  if(ARG_LABELS)
    set(labels ${ARG_LABELS})
  else()
    set(labels unit)
  endif()
  gtest_discover_tests(${ARG_NAME}
    TEST_LIST ${ARG_NAME}_TESTS
    DISCOVERY_TIMEOUT 60
    PROPERTIES TIMEOUT ${ARG_TIMEOUT})
  set(label_script ${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}_labels.cmake)
  file(WRITE ${label_script}
       "set_tests_properties(\${${ARG_NAME}_TESTS} PROPERTIES LABELS \"${labels}\")\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${label_script})
endfunction()

# motcua_text_literal(<file> <out_var>)
#   Sets <out_var> to the file's content as a C++ raw string literal R"motcua_tsv(...)motcua_tsv",
#   for data compiled into a binary; CMake re-runs when the file changes.
function(motcua_text_literal file out_var)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
  file(READ "${file}" text)
  string(FIND "${text}" ")motcua_tsv" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains ')motcua_tsv', the raw-string delimiter")
  endif()
  set(${out_var} "R\"motcua_tsv(${text})motcua_tsv\"" PARENT_SCOPE)
endfunction()
