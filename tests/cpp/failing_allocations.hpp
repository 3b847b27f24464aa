// For the tests of what the core does when memory runs out, as a
// browser's does: while a FailAllocationsAbove is alive, the test
// binary's operator new throws std::bad_alloc for any block larger than
// its size (failing_allocations.cpp replaces the global operator new).
// Not under AddressSanitizer, which has its own operator new: there
// supported() is false and such tests are skipped.
#pragma once

#include <cstddef>

namespace test {

class FailAllocationsAbove {
 public:
  explicit FailAllocationsAbove(std::size_t bytes);
  ~FailAllocationsAbove();
  FailAllocationsAbove(const FailAllocationsAbove&) = delete;
  FailAllocationsAbove& operator=(const FailAllocationsAbove&) = delete;
  static bool supported();
};

}  // namespace test
