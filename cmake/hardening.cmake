# Build options for the hardening legs (see the README's "Hardening" section).
#
#   -DXGRAD_WERROR=ON                    -Wall -Wextra -Werror on xgrad's own code (library,
#                                        tests, examples, benchmarks). Third-party headers
#                                        (xtensor, Boost) come in through imported targets or
#                                        /usr/include, which the compiler treats as system
#                                        headers, so their warnings never fail the build.
#   -DXGRAD_SANITIZE=address,undefined   build everything with these sanitizers (any list
#                                        GCC's -fsanitize= takes; "thread" for TSan). UBSan
#                                        reports abort the program (-fno-sanitize-recover),
#                                        so a report fails the test that triggered it.
# Both apply to every target defined after this file is included.

option(XGRAD_WERROR "Build xgrad's own code with -Wall -Wextra -Werror" OFF)
set(XGRAD_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined or thread")

if(XGRAD_WERROR)
  add_compile_options($<$<CXX_COMPILER_ID:GNU,Clang>:-Wall> $<$<CXX_COMPILER_ID:GNU,Clang>:-Wextra>
                      $<$<CXX_COMPILER_ID:GNU,Clang>:-Werror>)
endif()

if(XGRAD_SANITIZE)
  add_compile_options(-fsanitize=${XGRAD_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${XGRAD_SANITIZE})
endif()

# Live TensorImpl/Node counts (autograd/base/live_objects.h). Off by default: the atomic counters cost
# about 5% of the W1 benchmark. tools/run.sh sanitize turns them on and runs test_live_objects.
option(XGRAD_LIVE_COUNTS "Count live TensorImpl and Node objects" OFF)
if(NOT XGRAD_LIVE_COUNTS)
  add_compile_definitions(XGRAD_NO_LIVE_COUNTS)
endif()
