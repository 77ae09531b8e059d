# actordev_warnings: the warning set every first-party target uses.
add_library(actordev_warnings INTERFACE)
target_compile_options(actordev_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(ACTORDEV_WERROR)
  target_compile_options(actordev_warnings INTERFACE -Werror)
endif()
if(ACTORDEV_SANITIZE)
  target_compile_options(actordev_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  target_link_options(actordev_warnings INTERFACE -fsanitize=address,undefined)
endif()
