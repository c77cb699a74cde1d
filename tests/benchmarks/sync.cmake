# syncbench (by cli): sync engine figures against the emulator; prints, asserts nothing about time.
# `syncbench --quick` runs as the ctest syncbench_smoke so that the benchmark cannot rot.
add_executable(syncbench syncbench.cpp syncbench.h syncbenchsupport.cpp)
target_link_libraries(syncbench PRIVATE tts_project_options tts_core tts_demoshop)
target_compile_definitions(syncbench PRIVATE TTS_DEMO_SERVER="$<TARGET_FILE:tiktok-shop-demo-server>")
add_dependencies(syncbench tiktok-shop-demo-server)
set_target_properties(syncbench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)

add_test(NAME syncbench_smoke COMMAND syncbench --quick)
set_tests_properties(syncbench_smoke PROPERTIES
    TIMEOUT 120
    LABELS "bench;smoke"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")

# writebench (by storage): the order store alone, one thread, pages already in memory; prints CPU
# seconds per phase, asserts nothing about time; not a ctest test.
add_executable(writebench writebench.cpp)
target_link_libraries(writebench PRIVATE tts_project_options tts_core tts_demoshop tts_testsupport Qt6::Network)
set_target_properties(writebench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
add_test(NAME writebench_smoke COMMAND writebench --orders 2000 --runs 1)
set_tests_properties(writebench_smoke PROPERTIES
    TIMEOUT 120
    LABELS "bench;smoke"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
