#include "store/jobs/job_repository.h"

#include <algorithm>
#include <string_view>

#include <boost/json.hpp>
#include <soci/soci.h>

#include "store/row_values.h"

namespace rapport::store {
namespace {

namespace json = boost::json;

std::string counts_text(const std::map<std::string, std::int64_t>& counts) {
  json::object o;
  for (const auto& [k, v] : counts) o[k] = v;
  return json::serialize(o);
}

std::map<std::string, std::int64_t> counts_of(const std::string& text) {
  std::map<std::string, std::int64_t> out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return out;
  for (const auto& [k, n] : v.as_object())
    if (n.is_int64()) out[std::string(k)] = n.get_int64();
  return out;
}

std::string args_text(const MessageArgs& args) {
  json::array a;
  for (const auto& [k, v] : args) a.push_back(json::array{json::string(k), json::string(v)});
  return json::serialize(a);
}

MessageArgs args_of(const std::string& text) {
  MessageArgs out;
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& pair : v.as_array())
    if (pair.is_array() && pair.as_array().size() == 2 && pair.as_array()[0].is_string() &&
        pair.as_array()[1].is_string())
      out.emplace_back(std::string(pair.as_array()[0].get_string()),
                       std::string(pair.as_array()[1].get_string()));
  return out;
}

std::optional<Instant> optional_instant(const soci::row& r, std::size_t i) {
  auto text = optional_text_at(r, i);
  if (!text) return std::nullopt;
  return parse_instant(*text);
}

// The largest piece of a payload sent to PostgreSQL in one statement.
constexpr std::size_t kPayloadSlice = 16u << 20;

}  // namespace

Id<domain::Job> JobRepository::insert(Tx& tx, const std::string& kind, const std::string& params,
                                      const std::string& payload, std::int64_t created_by,
                                      Instant now) {
  std::string when = format_instant(now);
  long long by = created_by, id = 0;
  soci::indicator by_ind = created_by > 0 ? soci::i_ok : soci::i_null;
  // PostgreSQL: a large payload goes in slices of about 16 MB (cut between
  // UTF-8 characters), each appended by a statement of its own: the driver
  // copies a parameter and libpq copies it again into its send buffer, so
  // a 63 MB upload sent whole cost 190 MB at once (SQLite binds it in place).
  const bool sliced = tx.dialect() == Dialect::postgresql && payload.size() > kPayloadSlice;
  if (!sliced) {
    tx.sql() << "INSERT INTO jobs (kind, status, params, payload, created_by, created_at) VALUES "
                "(:k, 'queued', :p, :d, :b, :c) RETURNING id",
        soci::use(kind), soci::use(params), soci::use(payload), soci::use(by, by_ind),
        soci::use(when), soci::into(id);
    return Id<domain::Job>{id};
  }
  const std::string_view all(payload);
  auto slice_end = [&](std::size_t from) {
    const std::size_t limit = std::min(all.size(), from + kPayloadSlice);
    std::size_t end = limit;
    while (end < all.size() && end > from && (static_cast<unsigned char>(all[end]) & 0xC0) == 0x80)
      --end;
    return end > from ? end : limit;
  };
  std::size_t end = slice_end(0);
  std::string part(all.substr(0, end));
  tx.sql() << "INSERT INTO jobs (kind, status, params, payload, created_by, created_at) VALUES "
              "(:k, 'queued', :p, :d, :b, :c) RETURNING id",
      soci::use(kind), soci::use(params), soci::use(part), soci::use(by, by_ind), soci::use(when),
      soci::into(id);
  while (end < all.size()) {
    const std::size_t from = end;
    end = slice_end(from);
    part.assign(all.substr(from, end - from));
    tx.sql() << "UPDATE jobs SET payload = payload || :d WHERE id = :id", soci::use(part),
        soci::use(id);
  }
  return Id<domain::Job>{id};
}

Result<domain::Job> JobRepository::find(Tx& tx, Id<domain::Job> id) {
  long long jid = id.value;
  soci::rowset<soci::row> rs =
      (tx.sql().prepare << "SELECT id, kind, status, params, done_count, total_count, counts, "
                           "message_key, message_args, cancel_requested, created_by, created_at, "
                           "started_at, finished_at, result FROM jobs WHERE id = :id",
       soci::use(jid));
  for (const auto& r : rs) {
    domain::Job j;
    j.id = Id<domain::Job>{int64_at(r, 0)};
    j.kind = text_at(r, 1);
    j.status = domain::job_status_from(text_at(r, 2)).value_or(domain::JobStatus::failed);
    j.params = text_at(r, 3);
    j.done = int64_at(r, 4);
    j.total = int64_at(r, 5);
    j.counts = counts_of(text_at(r, 6));
    j.message_key = text_at(r, 7);
    j.message_args = args_of(text_at(r, 8));
    j.cancel_requested = int_at(r, 9) != 0;
    j.created_by = int64_at(r, 10);
    j.created_at = parse_instant(text_at(r, 11)).value_or(Instant{});
    j.started_at = optional_instant(r, 12);
    j.finished_at = optional_instant(r, 13);
    j.result = text_at(r, 14);
    return j;
  }
  return Error::not_found("job.not_found");
}

std::string JobRepository::payload(Tx& tx, Id<domain::Job> id) {
  long long jid = id.value;
  std::string out;
  if (tx.dialect() != Dialect::postgresql) {
    tx.sql() << "SELECT payload FROM jobs WHERE id = :id", soci::use(jid), soci::into(out);
    return out;
  }
  // PostgreSQL: in slices of 4 Mi characters, so that libpq's receive buffer
  // and result hold a slice, not the whole upload twice more (a 63 MB
  // import's payload took a server from 36 to 225 MB when read at once).
  long long bytes = 0, chars = 0;
  tx.sql() << "SELECT octet_length(payload), char_length(payload) FROM jobs WHERE id = :id",
      soci::use(jid), soci::into(bytes), soci::into(chars);
  out.reserve(static_cast<std::size_t>(bytes));
  constexpr long long kSlice = 4LL << 20;
  long long from = 1, length = kSlice;
  std::string slice;
  soci::statement st =
      (tx.sql().prepare << "SELECT substr(payload, :f, :n) FROM jobs WHERE id = :id",
       soci::use(from), soci::use(length), soci::use(jid), soci::into(slice));
  for (; from <= chars; from += kSlice) {
    st.execute(true);
    out += slice;
  }
  return out;
}

void JobRepository::mark_running(Tx& tx, Id<domain::Job> id, Instant now) {
  long long jid = id.value;
  std::string when = format_instant(now);
  tx.sql()
      << "UPDATE jobs SET status = 'running', started_at = :s, heartbeat_at = :h WHERE id = :id",
      soci::use(when), soci::use(when), soci::use(jid);
}

void JobRepository::save_progress(Tx& tx, const domain::Job& job, Instant now) {
  long long jid = job.id.value, done = job.done, total = job.total;
  std::string counts = counts_text(job.counts), when = format_instant(now);
  tx.sql() << "UPDATE jobs SET done_count = :d, total_count = :t, counts = :c, heartbeat_at = :h "
              "WHERE id = :id",
      soci::use(done), soci::use(total), soci::use(counts), soci::use(when), soci::use(jid);
}

void JobRepository::finish(Tx& tx, const domain::Job& job, Instant now) {
  long long jid = job.id.value, done = job.done, total = job.total;
  std::string status(domain::to_code(job.status)), counts = counts_text(job.counts),
                                                   args = args_text(job.message_args),
                                                   when = format_instant(now);
  tx.sql()
      << "UPDATE jobs SET status = :s, done_count = :d, total_count = :t, counts = :c, "
         "message_key = :m, message_args = :a, result = :r, finished_at = :f, heartbeat_at = :h, "
         "payload = '' WHERE id = :id",
      soci::use(status), soci::use(done), soci::use(total), soci::use(counts),
      soci::use(job.message_key), soci::use(args), soci::use(job.result), soci::use(when),
      soci::use(when), soci::use(jid);
}

void JobRepository::request_cancel(Tx& tx, Id<domain::Job> id) {
  long long jid = id.value;
  tx.sql() << "UPDATE jobs SET cancel_requested = 1 WHERE id = :id", soci::use(jid);
}

bool JobRepository::cancel_requested(Tx& tx, Id<domain::Job> id) {
  long long jid = id.value;
  int flag = 0;
  tx.sql() << "SELECT cancel_requested FROM jobs WHERE id = :id", soci::use(jid), soci::into(flag);
  return flag != 0;
}

long long JobRepository::fail_abandoned(Tx& tx, Instant stale_before, Instant now) {
  std::string before = format_instant(stale_before), when = format_instant(now);
  soci::statement st = (tx.sql().prepare << "UPDATE jobs SET status = 'failed', message_key = "
                                            "'job.interrupted', finished_at = :f WHERE status IN "
                                            "('queued', 'running') AND COALESCE(heartbeat_at, "
                                            "created_at) < :b AND NOT EXISTS (SELECT 1 FROM "
                                            "job_partitions p WHERE p.job_id = jobs.id)",
                        soci::use(when), soci::use(before));
  st.execute(true);
  return st.get_affected_rows();
}

void JobRepository::add_partition(Tx& tx, Id<domain::Job> job, const std::string& kind,
                                  const domain::JobPartition& p) {
  long long jid = job.value, total = p.total;
  int number = p.number;
  tx.sql() << "INSERT INTO job_partitions (job_id, number, kind, status, params, total_count) "
              "VALUES (:j, :n, :k, 'queued', :p, :t)",
      soci::use(jid), soci::use(number), soci::use(kind), soci::use(p.params), soci::use(total);
}

namespace {

constexpr const char* kPartitionColumns =
    "number, status, params, resume_cursor, claimed_by, attempt, lease_until, done_count, "
    "total_count, "
    "counts, message_key, message_args, result, started_at, finished_at";

domain::JobPartition partition_of(const soci::row& r, std::size_t i) {
  domain::JobPartition p;
  p.number = int_at(r, i);
  p.status = domain::job_status_from(text_at(r, i + 1)).value_or(domain::JobStatus::failed);
  p.params = text_at(r, i + 2);
  p.cursor = text_at(r, i + 3);
  p.claimed_by = text_at(r, i + 4);
  p.attempt = int_at(r, i + 5);
  p.lease_until = int64_at(r, i + 6);
  p.done = int64_at(r, i + 7);
  p.total = int64_at(r, i + 8);
  p.counts = counts_of(text_at(r, i + 9));
  p.message_key = text_at(r, i + 10);
  p.message_args = args_of(text_at(r, i + 11));
  p.result = text_at(r, i + 12);
  p.started_at = optional_instant(r, i + 13);
  p.finished_at = optional_instant(r, i + 14);
  return p;
}

}  // namespace

std::vector<domain::JobPartition> JobRepository::partitions(Tx& tx, Id<domain::Job> job) {
  long long jid = job.value;
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kPartitionColumns +
                                                        " FROM job_partitions WHERE job_id = :j "
                                                        "ORDER BY number",
                                soci::use(jid));
  std::vector<domain::JobPartition> out;
  for (const auto& r : rs) out.push_back(partition_of(r, 0));
  return out;
}

namespace {

// The first partition of `kinds` that is queued or whose lease ran out
// (locked and skipped by the others' claims when `lock`, PostgreSQL).
std::optional<std::pair<long long, int>> first_claimable(Tx& tx,
                                                         const std::vector<std::string>& kinds,
                                                         std::int64_t now_ms, bool lock) {
  if (kinds.empty()) return std::nullopt;
  std::string in;
  for (std::size_t i = 0; i < kinds.size(); ++i) in += (i ? ", :k" : ":k") + std::to_string(i);
  std::string sql =
      "SELECT job_id, number FROM job_partitions WHERE status IN ('queued', 'running') AND "
      "(status = 'queued' OR lease_until < :now) AND kind IN (" +
      in + ") ORDER BY job_id, number LIMIT 1";
  if (lock && tx.dialect() == Dialect::postgresql) sql += " FOR UPDATE SKIP LOCKED";
  long long when = now_ms, jid = 0;
  int number = 0;
  soci::indicator ind = soci::i_null;
  soci::statement st(tx.sql());
  st.exchange(soci::into(jid, ind));
  st.exchange(soci::into(number));
  st.exchange(soci::use(when));
  for (const auto& k : kinds) st.exchange(soci::use(k));
  st.alloc();
  st.prepare(sql);
  st.define_and_bind();
  if (!st.execute(true) || ind == soci::i_null) return std::nullopt;
  return std::pair{jid, number};
}

}  // namespace

bool JobRepository::has_claimable(Tx& tx, const std::vector<std::string>& kinds,
                                  std::int64_t now_ms) {
  return first_claimable(tx, kinds, now_ms, false).has_value();
}

std::optional<JobRepository::Claimed> JobRepository::claim(Tx& tx,
                                                           const std::vector<std::string>& kinds,
                                                           const std::string& server,
                                                           std::int64_t now_ms,
                                                           std::int64_t lease_until, Instant now) {
  auto found = first_claimable(tx, kinds, now_ms, true);
  if (!found) return std::nullopt;
  long long jid = found->first;
  int number = found->second;
  long long until = lease_until;
  std::string at = format_instant(now);
  tx.sql() << "UPDATE job_partitions SET status = 'running', claimed_by = :s, attempt = attempt + "
              "1, lease_until = :l, started_at = COALESCE(started_at, :a) WHERE job_id = :j AND "
              "number = :n",
      soci::use(server), soci::use(until), soci::use(at), soci::use(jid), soci::use(number);
  tx.sql() << "UPDATE jobs SET status = 'running', started_at = COALESCE(started_at, :a), "
              "heartbeat_at = :h WHERE id = :j AND status = 'queued'",
      soci::use(at), soci::use(at), soci::use(jid);
  soci::rowset<soci::row> rs = (tx.sql().prepare << std::string("SELECT ") + kPartitionColumns +
                                                        " FROM job_partitions WHERE job_id = :j "
                                                        "AND number = :n",
                                soci::use(jid), soci::use(number));
  for (const auto& r : rs) return Claimed{Id<domain::Job>{jid}, partition_of(r, 0)};
  return std::nullopt;
}

namespace {

// Progress of a partition, written only while `p.attempt` is the claim;
// the cursor only with the work it stands for (`with_cursor`).
long long update_claimed(Tx& tx, bool with_cursor, Id<domain::Job> job,
                         const domain::JobPartition& p, std::int64_t lease_until) {
  long long jid = job.value, done = p.done, total = p.total, until = lease_until;
  int number = p.number, attempt = p.attempt;
  std::string counts = counts_text(p.counts);
  const std::string where =
      " WHERE job_id = :j AND number = :n AND attempt = :a AND status = 'running'";
  soci::statement st(tx.sql());
  st.exchange(soci::use(done));
  st.exchange(soci::use(total));
  st.exchange(soci::use(counts));
  if (with_cursor) {
    st.exchange(soci::use(p.cursor));
  } else {
    st.exchange(soci::use(until));
  }
  st.exchange(soci::use(jid));
  st.exchange(soci::use(number));
  st.exchange(soci::use(attempt));
  st.alloc();
  st.prepare(std::string("UPDATE job_partitions SET done_count = :d, total_count = :t, counts = "
                         ":c, ") +
             (with_cursor ? "resume_cursor = :u" : "lease_until = :l") + where);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace

bool JobRepository::renew(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p,
                          std::int64_t lease_until) {
  return update_claimed(tx, false, job, p, lease_until) > 0;
}

bool JobRepository::checkpoint(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p) {
  return update_claimed(tx, true, job, p, 0) > 0;
}

void JobRepository::release(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p) {
  long long jid = job.value;
  int number = p.number, attempt = p.attempt;
  tx.sql() << "UPDATE job_partitions SET status = 'queued', claimed_by = '', lease_until = 0 "
              "WHERE job_id = :j AND number = :n AND attempt = :a AND status = 'running'",
      soci::use(jid), soci::use(number), soci::use(attempt);
}

void JobRepository::lock(Tx& tx, Id<domain::Job> job) {
  if (tx.dialect() != Dialect::postgresql) return;
  long long jid = job.value, got = 0;
  tx.sql() << "SELECT id FROM jobs WHERE id = :j FOR UPDATE", soci::use(jid), soci::into(got);
}

bool JobRepository::finish_partition(Tx& tx, Id<domain::Job> job, const domain::JobPartition& p,
                                     Instant now) {
  long long jid = job.value, done = p.done, total = p.total;
  int number = p.number, attempt = p.attempt;
  std::string status(domain::to_code(p.status)),
      counts = counts_text(p.counts), args = args_text(p.message_args), when = format_instant(now);
  soci::statement st =
      (tx.sql().prepare
           << "UPDATE job_partitions SET status = :s, done_count = :d, total_count = :t, counts = "
              ":c, resume_cursor = :u, message_key = :m, message_args = :g, result = :r, "
              "finished_at = "
              ":f, lease_until = 0 WHERE job_id = :j AND number = :n AND attempt = :a AND status "
              "= 'running'",
       soci::use(status), soci::use(done), soci::use(total), soci::use(counts), soci::use(p.cursor),
       soci::use(p.message_key), soci::use(args), soci::use(p.result), soci::use(when),
       soci::use(jid), soci::use(number), soci::use(attempt));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void JobRepository::cancel_queued(Tx& tx, Id<domain::Job> job, Instant now) {
  long long jid = job.value;
  std::string when = format_instant(now);
  tx.sql() << "UPDATE job_partitions SET status = 'cancelled', message_key = 'job.cancelled', "
              "finished_at = :f WHERE job_id = :j AND status = 'queued'",
      soci::use(when), soci::use(jid);
}

long long JobRepository::open_partitions(Tx& tx, Id<domain::Job> job) {
  long long jid = job.value, n = 0;
  tx.sql() << "SELECT COUNT(*) FROM job_partitions WHERE job_id = :j AND status IN ('queued', "
              "'running')",
      soci::use(jid), soci::into(n);
  return n;
}

}  // namespace rapport::store
