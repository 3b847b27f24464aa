// A small pool of threads for the core's data-parallel steps (appending a
// batch of rows column by column, typing columns). Without thread support
// (ASCOLTO_THREADS 0: the WASM build for pages that are not cross-origin
// isolated) or with no threads asked for, every task runs on the caller, in
// order, so the results never depend on the path taken.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>

namespace ascolto::core {

class Workers {
 public:
  /// `threads`: how many threads run tasks in all, the caller's included
  /// (1: the caller alone; capped at what the build supports).
  explicit Workers(unsigned threads = 1);
  ~Workers();
  Workers(const Workers&) = delete;
  Workers& operator=(const Workers&) = delete;

  /// A pool of `threads` that lives as long as the program: threads are
  /// started once (in WASM a pthread is a Web Worker, which starts only
  /// when its creator returns to its event loop, so a pool must never be
  /// joined before its threads ran). One caller at a time per pool; the
  /// caller always runs the tasks no thread has taken, so no call waits on
  /// a thread that has not started.
  static Workers& shared(unsigned threads);

  /// Threads that run tasks, the caller's included (1 when there are none).
  unsigned threads() const { return threads_; }
  /// Whether this build can run threads at all.
  static bool supported();
  /// The machine's hardware threads (1 when unknown or unsupported).
  static unsigned hardware_threads();

  /// Runs task(0) ... task(n - 1) on the pool and the caller; returns when
  /// all have run. An exception of a task is rethrown here.
  void run(std::size_t n, const std::function<void(std::size_t)>& task);

  /// Starts task(0) ... task(n - 1) on the pool's threads, so the caller
  /// can go on with other work; wait() runs the tasks not yet taken on the
  /// caller, returns when all have run and rethrows a task's exception.
  /// Without threads, start() runs them now.
  void start(std::size_t n, std::function<void(std::size_t)> task);
  void wait();

 private:
  struct Pool;
  unsigned threads_ = 1;
  std::unique_ptr<Pool> pool_;
};

}  // namespace ascolto::core
