# fetchbench (by api): orders/s through the API client from an in-process emulator. Prints figures,
# asserts nothing about time; not a ctest test.
add_executable(fetchbench ${CMAKE_CURRENT_LIST_DIR}/fetchbench.cpp)
target_link_libraries(fetchbench PRIVATE tts_project_options tts_core tts_demoshop Qt6::Network)
set_target_properties(fetchbench PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
