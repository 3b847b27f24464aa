#include "core/workers.hpp"

#include <algorithm>
#include <map>
#include <mutex>

#if ASCOLTO_THREADS
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace ascolto::core {

Workers& Workers::shared(unsigned threads) {
  static std::mutex mutex;
  static std::map<unsigned, std::unique_ptr<Workers>>* pools =
      new std::map<unsigned, std::unique_ptr<Workers>>;  // never destroyed: no join at exit
  const std::lock_guard<std::mutex> lock(mutex);
  std::unique_ptr<Workers>& pool = (*pools)[std::max(1u, threads)];
  if (!pool) pool = std::make_unique<Workers>(threads);
  return *pool;
}

#if ASCOLTO_THREADS

namespace {

// One batch of tasks. Each has its own counters, so a thread that wakes
// late for a finished job can never take a task of the next one.
struct Job {
  std::function<void(std::size_t)> task;
  std::size_t n = 0;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> left{0};
  std::mutex error_mutex;
  std::exception_ptr error;

  // Runs tasks until none is left; true when this call ran the last one.
  bool drain() {
    bool finished_last = false;
    for (std::size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        task(i);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
      }
      if (left.fetch_sub(1) == 1) finished_last = true;
    }
    return finished_last;
  }
};

}  // namespace

struct Workers::Pool {
  std::mutex mutex;
  std::condition_variable work;
  std::condition_variable done;
  std::shared_ptr<Job> job;  // the current job, until wait() takes it back
  std::uint64_t generation = 0;
  bool stop = false;
  std::vector<std::thread> threads;

  void loop() {
    std::uint64_t seen = 0;
    for (;;) {
      std::shared_ptr<Job> current;
      {
        std::unique_lock<std::mutex> lock(mutex);
        work.wait(lock, [&] { return stop || generation != seen; });
        if (stop) return;
        seen = generation;
        current = job;
      }
      if (current && current->drain()) finished();
    }
  }
  void finished() {
    const std::lock_guard<std::mutex> lock(mutex);
    done.notify_all();
  }
};

bool Workers::supported() {
  return true;
}

unsigned Workers::hardware_threads() {
  return std::max(1u, std::thread::hardware_concurrency());
}

Workers::Workers(unsigned threads) : threads_(std::max(1u, threads)) {
  if (threads_ == 1) return;
  pool_ = std::make_unique<Pool>();
  try {
    for (unsigned i = 1; i < threads_; ++i)
      pool_->threads.emplace_back([p = pool_.get()] { p->loop(); });
  } catch (...) {  // no thread to be had: the caller alone
    threads_ = 1 + static_cast<unsigned>(pool_->threads.size());
  }
}

Workers::~Workers() {
  if (!pool_) return;
  {
    const std::lock_guard<std::mutex> lock(pool_->mutex);
    pool_->stop = true;
  }
  pool_->work.notify_all();
  for (std::thread& t : pool_->threads) t.join();
}

void Workers::start(std::size_t n, std::function<void(std::size_t)> task) {
  wait();
  if (!pool_ || pool_->threads.empty() || n == 0) {
    for (std::size_t i = 0; i < n; ++i) task(i);
    return;
  }
  auto job = std::make_shared<Job>();
  job->task = std::move(task);
  job->n = n;
  job->left = n;
  {
    const std::lock_guard<std::mutex> lock(pool_->mutex);
    pool_->job = job;
    ++pool_->generation;
  }
  pool_->work.notify_all();
}

void Workers::wait() {
  if (!pool_) return;
  std::shared_ptr<Job> job;
  {
    const std::lock_guard<std::mutex> lock(pool_->mutex);
    job = pool_->job;
  }
  if (!job) return;
  // The caller takes the tasks no thread has started yet, rather than idle.
  if (job->drain()) pool_->finished();
  {
    std::unique_lock<std::mutex> lock(pool_->mutex);
    pool_->done.wait(lock, [&] { return pool_->job->left.load() == 0; });
    job = std::move(pool_->job);
    pool_->job = nullptr;
  }
  if (job->error) std::rethrow_exception(job->error);
}

void Workers::run(std::size_t n, const std::function<void(std::size_t)>& task) {
  if (!pool_ || pool_->threads.empty() || n < 2) {
    wait();
    for (std::size_t i = 0; i < n; ++i) task(i);
    return;
  }
  start(n, task);
  wait();  // where the caller works too
}

#else  // no thread support in this build: everything on the caller

struct Workers::Pool {};

bool Workers::supported() {
  return false;
}

unsigned Workers::hardware_threads() {
  return 1;
}

Workers::Workers(unsigned) {}
Workers::~Workers() = default;

void Workers::start(std::size_t n, std::function<void(std::size_t)> task) {
  for (std::size_t i = 0; i < n; ++i) task(i);
}

void Workers::wait() {}

void Workers::run(std::size_t n, const std::function<void(std::size_t)>& task) {
  for (std::size_t i = 0; i < n; ++i) task(i);
}

#endif

}  // namespace ascolto::core
