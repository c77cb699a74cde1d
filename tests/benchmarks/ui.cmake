# uibench: the desktop application's figures (orders table first paint over 1M orders, launch to a
# painted window over 300k, the GUI thread's worst stall during a full resync). Not a ctest test;
# uibench_smoke runs it with --quick.
if(TTS_BUILD_GUI AND TARGET tts_ui)
    add_executable(uibench ${CMAKE_CURRENT_LIST_DIR}/uibench.cpp)
    target_link_libraries(uibench PRIVATE tts_project_options tts_ui tts_uitestdb tts_testsupport tts_synctestsupport Qt6::Test)
    # Next to the GUI executable, which the launch figure starts.
    set_target_properties(uibench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
    add_dependencies(uibench tiktok-shop-dashboard)
    add_test(NAME uibench_smoke COMMAND uibench --quick)
    set_tests_properties(uibench_smoke PROPERTIES TIMEOUT 300 LABELS "ui;bench"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")
endif()
