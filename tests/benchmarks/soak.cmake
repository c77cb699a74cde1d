# soakbench (by soak): 1,000 incremental syncs with random mutations and 5 % mixed faults, then the
# database is compared with the emulator record by record. Prints figures; asserts nothing about
# time; exits 1 on divergence. `soakbench --quick` (30 syncs) runs as the ctest soakbench_smoke, so
# that CI proves the soak program works and that the database converges.
add_executable(soakbench
    ${CMAKE_CURRENT_LIST_DIR}/soakbench.cpp
    ${CMAKE_CURRENT_LIST_DIR}/soakcompare.cpp ${CMAKE_CURRENT_LIST_DIR}/soakcompare.h
    ${CMAKE_CURRENT_LIST_DIR}/soakmutator.cpp ${CMAKE_CURRENT_LIST_DIR}/soakmutator.h
    ${CMAKE_CURRENT_LIST_DIR}/soakprobe.cpp ${CMAKE_CURRENT_LIST_DIR}/soakprobe.h
    ${CMAKE_CURRENT_LIST_DIR}/soakrunner.cpp ${CMAKE_CURRENT_LIST_DIR}/soakrunner.h)
target_link_libraries(soakbench PRIVATE tts_project_options tts_synctestsupport tts_demoshop)
set_target_properties(soakbench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)

add_test(NAME soakbench_smoke COMMAND soakbench --quick)
set_tests_properties(soakbench_smoke PROPERTIES
    TIMEOUT 120
    LABELS "bench;smoke;bench-smoke"
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=*.debug=false")

# The emulator additions the soak run uses (malformed JSON, stalls, product revisions).
add_tts_test(tst_soakemulator SOURCES ${CMAKE_CURRENT_LIST_DIR}/soakemulatortest.cpp
    LIBS tts_demoshop_testapi LABELS demoshop)
add_tts_test(tst_soakcompare
    SOURCES ${CMAKE_CURRENT_LIST_DIR}/soakcomparetest.cpp ${CMAKE_CURRENT_LIST_DIR}/soakcompare.cpp
    LIBS tts_synctestsupport LABELS sync)
