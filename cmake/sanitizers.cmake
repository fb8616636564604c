# LOADTWIN_SANITIZE=address,undefined instruments everything built after this point.
if(LOADTWIN_SANITIZE)
  add_compile_options(-fsanitize=${LOADTWIN_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LOADTWIN_SANITIZE})
endif()
