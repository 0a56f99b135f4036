// libFuzzer's driver entry point (compiler-rt, FuzzerInterface.h; LLVM 11 and later), for
// harnesses that supply their own `main`: SwiftPM renames an executable target's entry point on
// Linux (`--defsym main=<module>_main`), so a harness cannot rely on libFuzzer's `main` and
// calls the driver from its `@main` instead.
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv,
                        int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
