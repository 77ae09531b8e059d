# actordev_warnings: the warning set every first-party target uses.
add_library(actordev_warnings INTERFACE)
target_compile_options(actordev_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 reports -Wrestrict inside libstdc++'s std::string at -O2 (GCC bug
  # 105651, fixed in 13): a false positive, not our code.
  target_compile_options(actordev_warnings INTERFACE -Wno-restrict)
endif()
if(ACTORDEV_WERROR)
  target_compile_options(actordev_warnings INTERFACE -Werror)
endif()
if(ACTORDEV_SANITIZE)
  target_compile_options(actordev_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
    -fno-sanitize-recover=all)
  target_link_options(actordev_warnings INTERFACE -fsanitize=address,undefined)
endif()
