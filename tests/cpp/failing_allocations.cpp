#include "failing_allocations.hpp"

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define ASCOLTO_OWN_OPERATOR_NEW 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASCOLTO_OWN_OPERATOR_NEW 0
#endif
#endif
#ifndef ASCOLTO_OWN_OPERATOR_NEW
#define ASCOLTO_OWN_OPERATOR_NEW 1
#endif

namespace {
std::atomic<std::size_t> fail_above{0};  // 0: no limit
}  // namespace

namespace test {
FailAllocationsAbove::FailAllocationsAbove(std::size_t bytes) {
  fail_above = bytes;
}
FailAllocationsAbove::~FailAllocationsAbove() {
  fail_above = 0;
}
bool FailAllocationsAbove::supported() {
  return ASCOLTO_OWN_OPERATOR_NEW;
}
}  // namespace test

#if ASCOLTO_OWN_OPERATOR_NEW
// The replaceable global allocation functions (the array and sized forms
// call these by default; the aligned ones are left as they are).
void* operator new(std::size_t size) {
  const std::size_t limit = fail_above.load(std::memory_order_relaxed);
  if (limit != 0 && size > limit) throw std::bad_alloc();
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
#endif
