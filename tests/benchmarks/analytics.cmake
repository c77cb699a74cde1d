# analyticsbench (by charts): the dashboard refresh (every query of one reload) over a generated
# 1,000,000-order database. Prints figures, asserts nothing about time; not a ctest test.
# `analyticsbench --quick` runs as the ctest analyticsbench_smoke so that the benchmark cannot rot.
add_executable(analyticsbench ${CMAKE_CURRENT_LIST_DIR}/analyticsbench.cpp ${CMAKE_CURRENT_LIST_DIR}/rollupwritecost.cpp)
target_link_libraries(analyticsbench PRIVATE tts_project_options tts_core)
target_include_directories(analyticsbench PRIVATE ${PROJECT_SOURCE_DIR}/tests/sync) # storetesthelpers.h
set_target_properties(analyticsbench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)

add_test(NAME analyticsbench_smoke COMMAND analyticsbench --quick)
set_tests_properties(analyticsbench_smoke PROPERTIES
    TIMEOUT 120
    LABELS "bench;smoke"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
