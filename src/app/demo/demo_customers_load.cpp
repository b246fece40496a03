// add_demo_customers (app/demo/demo_customers.h): generation on one thread,
// bulk writes on the caller's, one batch apart.
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "app/access.h"
#include "app/demo/demo_customers.h"
#include "store/bulk_insert.h"
#include "store/customers/customer_repository.h"

namespace rapport::app {
namespace {

using Batch = std::vector<store::CustomerBundle>;

// Batches from the generating thread to the writing one. Two in flight at
// most: enough to keep both threads busy, little memory.
class BatchQueue {
 public:
  // Blocks while the queue is full; false once closed.
  bool push(Batch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || batches_.size() < 2; });
    if (closed_) return false;
    batches_.push_back(std::move(batch));
    changed_.notify_all();
    return true;
  }
  // Blocks until a batch comes; nullopt once closed and empty.
  std::optional<Batch> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !batches_.empty(); });
    if (batches_.empty()) return std::nullopt;
    Batch b = std::move(batches_.front());
    batches_.pop_front();
    changed_.notify_all();
    return b;
  }
  // No more batches: the producer is done, or the consumer gave up.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    changed_.notify_all();
  }
  bool closed() {
    std::lock_guard lock(mutex_);
    return closed_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> batches_;
  bool closed_ = false;
};

}  // namespace

Result<long long> add_demo_customers(store::Database& db, const Clock& clock,
                                     const DemoCustomerOptions& options, const DemoStaff& staff) {
  if (options.customers < 0 || options.customers > kMaxDemoCustomers)
    return Error::invalid("demo.customers_invalid", "customers",
                          {{"max", std::to_string(kMaxDemoCustomers)}});
  auto held = db.read(
      [](store::Tx& tx) -> Result<long long> { return store::CustomerRepository::count(tx); });
  if (!held) return held.error();
  const long long first = *held, to_add = options.customers - first;
  if (to_add <= 0) return 0LL;

  const Instant now = clock.now();
  const DemoCustomerGenerator generator(options.seed, CivilDate{date::floor<date::days>(now)},
                                        staff);
  // Generated in chunks, written in transactions of several chunks: few
  // transactions spare SQLite rewriting the pages of its indexes of random
  // keys (phones, e-mails, names) at every commit; small chunks spare memory.
  const long long per_transaction = std::max(1, options.batch_size);
  const long long chunk = std::min<long long>(per_transaction, 5000);
  BatchQueue queue;
  std::thread producer([&] {
    for (long long from = first; from < options.customers; from += chunk) {
      Batch batch;
      const long long to = std::min<long long>(options.customers, from + chunk);
      batch.reserve(static_cast<std::size_t>(to - from));
      for (long long i = from; i < to; ++i) {
        batch.push_back(generator.make(i));
        store::CustomerBulkLoader::prepare(batch.back());
      }
      if (!queue.push(std::move(batch))) return;
    }
    queue.close();
  });

  const store::Actor actor = system_actor("demo");
  long long added = 0;
  bool drained = false;
  Status status = Ok{};
  while (!drained) {
    long long in_transaction = 0;
    status = db.write([&](store::Tx& tx) -> Status {
      // Customer numbers follow the count read above: if another load (or a
      // CSR) added customers since, stop rather than add the same ones twice.
      if (added == 0) {
        store::lock_for_bulk_insert(tx, {"customers"});
        if (store::CustomerRepository::count(tx) != first)
          return Error::conflict("demo.customers_changed");
      }
      while (in_transaction < per_transaction) {
        auto batch = queue.pop();
        if (!batch) {
          drained = true;
          break;
        }
        store::CustomerBulkLoader::insert(tx, *batch, actor, now);
        in_transaction += static_cast<long long>(batch->size());
      }
      return Ok{};
    });
    if (!status) break;
    added += in_transaction;
    if (in_transaction > 0 && options.progress) options.progress(added, to_add);
  }
  queue.close();
  producer.join();
  if (!status) return status.error();
  if (auto analysed = db.write([](store::Tx& tx) -> Status {
        store::refresh_statistics(tx);
        return Ok{};
      });
      !analysed)
    return analysed.error();
  return added;
}

}  // namespace rapport::app
