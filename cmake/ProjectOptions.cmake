# One INTERFACE target that carries the language standard, the warnings and Qt's strictness defines.
# Every target of the project links it.
add_library(tts_project_options INTERFACE)
target_compile_features(tts_project_options INTERFACE cxx_std_20)
target_compile_definitions(tts_project_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_FOREACH
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    TTS_VERSION="${PROJECT_VERSION}")
target_compile_options(tts_project_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough)
# Hardening as Debian builds packages: fortified libc calls (they need optimisation) and a read-only GOT.
target_compile_definitions(tts_project_options INTERFACE $<$<NOT:$<CONFIG:Debug>>:_FORTIFY_SOURCE=2>)
target_link_options(tts_project_options INTERFACE -Wl,-z,relro,-z,now)
if(TTS_WERROR)
    target_compile_options(tts_project_options INTERFACE -Werror)
endif()

# ASan + UBSan (scripts/test-sanitized). Every UBSan finding aborts the test (no recovery). The C++
# library checks its own preconditions too (an index past a vector's end aborts even when nothing is
# read there).
if(TTS_SANITIZE)
    target_compile_options(tts_project_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -D_GLIBCXX_ASSERTIONS)
    target_link_options(tts_project_options INTERFACE -fsanitize=address,undefined)
endif()

# add_tts_test(name SOURCES a.cpp b.cpp [LIBS x y] [LABELS l])
# One Qt Test executable per class or feature, registered with CTest and run headless.
function(add_tts_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE tts_project_options tts_testsupport Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
endfunction()
