# cmake -DIN=<file> -DOUT=<file.gz> -P gzip-file.cmake: gzip -9n (reproducible: no name, no time).
execute_process(COMMAND gzip -9nc "${IN}" OUTPUT_FILE "${OUT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    file(REMOVE "${OUT}")
    message(FATAL_ERROR "gzip failed for ${IN}")
endif()
