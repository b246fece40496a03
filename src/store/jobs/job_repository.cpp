#include "store/jobs/job_repository.h"

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

}  // namespace

Id<domain::Job> JobRepository::insert(Tx& tx, const std::string& kind, const std::string& params,
                                      const std::string& payload, std::int64_t created_by,
                                      Instant now) {
  std::string when = format_instant(now);
  long long by = created_by, id = 0;
  soci::indicator by_ind = created_by > 0 ? soci::i_ok : soci::i_null;
  tx.sql() << "INSERT INTO jobs (kind, status, params, payload, created_by, created_at) VALUES "
              "(:k, 'queued', :p, :d, :b, :c) RETURNING id",
      soci::use(kind), soci::use(params), soci::use(payload), soci::use(by, by_ind),
      soci::use(when), soci::into(id);
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
                                            "created_at) < :b",
                        soci::use(when), soci::use(before));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace rapport::store
