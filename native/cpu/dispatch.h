// The one dispatch decision: which ISA's kernel table this process uses.
#pragma once
#include <string>
#include <vector>

#include "kernels/table.h"

namespace tg {

// Decided on first use from the CPU's features; TENSORGRAD_ISA=ref|avx2|avx512|neon forces a
// table the CPU supports (an unknown or unsupported name is ignored with a warning).
const KernelTable& Kernels();

// The table of one ISA by name ("ref" for an unknown or unavailable one); for tests.
KernelTable TableFor(const std::string& isa);

// The ISAs this CPU can run, best last; "ref" is always first.
std::vector<std::string> SupportedIsas();

}  // namespace tg
