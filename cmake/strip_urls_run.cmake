# Script mode: copies INPUT to OUTPUT with "http://" and "https://" removed. Chart.js's licence
# comments name their project pages; the embedded copy keeps those lines as plain text so a
# report holds no URL at all (nothing a browser could fetch). Fails when a script end tag
# would cut the inlined <script> short.
file(READ ${INPUT} text)
string(REPLACE "https://" "" text "${text}")
string(REPLACE "http://" "" text "${text}")
string(TOLOWER "${text}" lower)
string(FIND "${lower}" "</script" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "${INPUT} holds </script at ${at}: it cannot be inlined")
endif()
file(WRITE ${OUTPUT} "${text}")
