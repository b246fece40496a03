// rapport serve: the web application and the JSON API.
#include <charconv>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>

#include "app/events/webhook_deliverer.h"
#include "cli/commands.h"
#include "cli/web_stack.h"
#include "store/migrations.h"
#include "web/client_address.h"
#include "web/server.h"

namespace rapport::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  int threads = 0;
  bool secure_cookies = false;
  int idle_minutes = 60;
  std::string trusted_proxies;  // comma-separated addresses
  int webhook_poll_ms = 2000;
  int webhook_retry_seconds = 30;
  int webhook_attempts = 8;
  std::string mail_sink_dir;  // the local SMTP sink's messages, for the Sent mail page
  // Jobs (issue 17): worker threads claiming partitions, heartbeat and lease.
  int job_workers = 2;
  int job_heartbeat_ms = 2000;
  int job_lease_ms = 10000;
  int job_poll_ms = 1000;
  int job_partition_size = 5000;
  int job_pause_ms = 0;  // tests: a pause after each chunk, to kill a server half-way
  // On SIGTERM, how long /ready answers 503 before connections close: the
  // balancer's health check must see it (deploy/haproxy.cfg: 5 s).
  int drain_ms = 0;
};

// "ADDR:PORT" ("[::1]:8080" for IPv6). Errors: invalid_input.
Result<std::pair<std::string, unsigned short>> parse_listen(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Error::invalid("server.listen_invalid", "listen", {{"value", text}});
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto digits = std::string_view(text).substr(colon + 1);
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (ec != std::errc() || p != digits.data() + digits.size() || port > 65535)
    return Error::invalid("server.listen_invalid", "listen", {{"value", text}});
  return std::make_pair(host, static_cast<unsigned short>(port));
}

// Deletes expired sessions, old failed log-ins, old idempotency keys and old
// order form tokens every few minutes until told to stop.
class Housekeeper {
 public:
  Housekeeper(app::AuthDesk& auth, app::IdempotencyDesk& idempotency, app::ServiceOrderDesk& orders)
      : thread_([this, &auth, &idempotency, &orders] {
          std::unique_lock lock(mutex_);
          while (!stopping_) {
            lock.unlock();
            if (auto r = auth.purge_expired(); !r)
              spdlog::warn("purge sessions: {}", r.error().detail);
            if (auto r = idempotency.purge_expired(); !r)
              spdlog::warn("purge keys: {}", r.error().detail);
            if (auto r = orders.purge_form_tokens(); !r)
              spdlog::warn("purge order form tokens: {}", r.error().detail);
            lock.lock();
            wake_.wait_for(lock, std::chrono::minutes(5), [this] { return stopping_; });
          }
        }) {}
  ~Housekeeper() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// "10.0.0.2, 10.0.0.3" → canonical addresses. Errors: invalid_input.
Result<std::vector<std::string>> parse_trusted_proxies(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    auto item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.find_first_not_of(" \t") != std::string::npos) {
      auto address = web::canonical_address(item);
      if (!address)
        return Error::invalid("server.trusted_proxy_invalid", "trusted-proxies", {{"value", item}});
      out.push_back(*address);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

int serve(CliContext& ctx, const ServeOptions& o) {
  auto listen = parse_listen(o.listen);
  if (!listen) return ctx.fail(listen.error());
  auto proxies = parse_trusted_proxies(o.trusted_proxies);
  if (!proxies) return ctx.fail(proxies.error());
  web::ServerOptions server_options;
  server_options.address = listen->first;
  server_options.port = listen->second;
  server_options.io_threads = o.threads;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int io_threads = o.threads > 0 ? o.threads : cores;  // also the hashing threads
  const int workers = 4 * io_threads;
  server_options.worker_threads = workers;

  // A connection for each worker and each password-hashing thread.
  // … and for each job worker and the jobs' heartbeat.
  auto db = ctx.open_database(static_cast<std::size_t>(workers + io_threads + 3 + o.job_workers));
  if (!db) return 3;
  if (auto current = store::check_schema_current(*db); !current) return ctx.fail(current.error());

  app::AuthPolicy policy;
  policy.idle_timeout = std::chrono::minutes(o.idle_minutes);
  auto options = web_options(o.secure_cookies, *proxies);
  options.mail_sink_dir = o.mail_sink_dir;
  app::JobRunnerOptions jobs;
  jobs.workers = o.job_workers;
  jobs.heartbeat = std::chrono::milliseconds(o.job_heartbeat_ms);
  jobs.lease = std::chrono::milliseconds(o.job_lease_ms);
  jobs.poll = std::chrono::milliseconds(o.job_poll_ms);
  jobs.partition_size = o.job_partition_size;
  jobs.pause_after_progress = std::chrono::milliseconds(o.job_pause_ms);
  WebStack stack(*db, ctx.clock, *ctx.catalog, policy, std::move(options), jobs);
  if (auto loaded = stack.views.load(); !loaded) return ctx.fail(loaded.error());
  if (auto abandoned = stack.jobs.fail_abandoned(); abandoned && *abandoned > 0)
    spdlog::warn("{} job(s) left unfinished by a stopped server were marked failed", *abandoned);
  // This server takes its share of every job, those others left included.
  stack.jobs.start_workers();
  spdlog::info("jobs: {} worker(s) as {}", o.job_workers, stack.jobs.server_id());
  web::WebApp& web_app = stack.app;
  server_options.classify = [&](web::Request& head) { return web_app.classify(head); };
  server_options.admit_upload = [&](web::Request& head) { return web_app.admit_upload(head); };
  server_options.drain = std::chrono::milliseconds(o.drain_ms);
  // A stopping server hands its job partitions back at once, drain or not.
  server_options.on_stop = [&] { stack.jobs.stop(); };
  web::HttpServer server(
      server_options, [&](web::Request& req) { return web_app.handle(req); },
      [&](int status, const web::Pairs& headers) { return web_app.refuse(status, headers); },
      stack.metrics);
  if (auto bound = server.listen(); !bound) return ctx.fail(bound.error());
  Housekeeper housekeeper(stack.auth, stack.idempotency, stack.orders);
  app::WebhookOptions hooks;
  hooks.poll = std::chrono::milliseconds(o.webhook_poll_ms);
  hooks.retry.base = std::chrono::seconds(o.webhook_retry_seconds);
  hooks.retry.max_attempts = o.webhook_attempts;
  app::WebhookDeliverer deliverer(*db, ctx.clock, hooks);
  deliverer.start();
  const std::string host =
      listen->first.find(':') != std::string::npos ? "[" + listen->first + "]" : listen->first;
  std::cout << ctx.text("cli.serving",
                        {{"url", "http://" + host + ":" + std::to_string(server.port())},
                         {"db", db->url().display}})
            << std::endl;
  server.run();
  std::cout << ctx.text("cli.stopped") << std::endl;
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, CliContext& ctx, Action& action) {
  auto options = std::make_shared<ServeOptions>();
  auto* serve_cmd = app.add_subcommand("serve", ctx.text("cli.serve_help"));
  serve_cmd->add_option("--listen", options->listen, ctx.text("cli.listen_option"))
      ->envname("RAPPORT_LISTEN");
  serve_cmd->add_option("--threads", options->threads, ctx.text("cli.threads_option"));
  serve_cmd->add_flag("--secure-cookies", options->secure_cookies, ctx.text("cli.secure_option"));
  serve_cmd
      ->add_option("--trusted-proxies", options->trusted_proxies,
                   ctx.text("cli.trusted_proxies_option"))
      ->envname("RAPPORT_TRUSTED_PROXIES");
  serve_cmd
      ->add_option("--session-idle-minutes", options->idle_minutes, ctx.text("cli.idle_option"))
      ->check(CLI::Range(5, 24 * 60));
  serve_cmd
      ->add_option("--webhook-poll-ms", options->webhook_poll_ms,
                   ctx.text("cli.webhook_poll_option"))
      ->envname("RAPPORT_WEBHOOK_POLL_MS")
      ->check(CLI::Range(10, 600000));
  serve_cmd
      ->add_option("--webhook-retry-seconds", options->webhook_retry_seconds,
                   ctx.text("cli.webhook_retry_option"))
      ->envname("RAPPORT_WEBHOOK_RETRY_SECONDS")
      ->check(CLI::Range(1, 3600));
  serve_cmd
      ->add_option("--webhook-attempts", options->webhook_attempts,
                   ctx.text("cli.webhook_attempts_option"))
      ->envname("RAPPORT_WEBHOOK_ATTEMPTS")
      ->check(CLI::Range(1, 30));
  serve_cmd->add_option("--job-workers", options->job_workers, ctx.text("cli.job_workers_option"))
      ->envname("RAPPORT_JOB_WORKERS")
      ->check(CLI::Range(1, 64));
  serve_cmd
      ->add_option("--job-heartbeat-ms", options->job_heartbeat_ms,
                   ctx.text("cli.job_heartbeat_option"))
      ->envname("RAPPORT_JOB_HEARTBEAT_MS")
      ->check(CLI::Range(50, 600000));
  serve_cmd->add_option("--job-lease-ms", options->job_lease_ms, ctx.text("cli.job_lease_option"))
      ->envname("RAPPORT_JOB_LEASE_MS")
      ->check(CLI::Range(200, 3600000));
  serve_cmd->add_option("--job-poll-ms", options->job_poll_ms, ctx.text("cli.job_poll_option"))
      ->envname("RAPPORT_JOB_POLL_MS")
      ->check(CLI::Range(10, 600000));
  serve_cmd
      ->add_option("--job-partition-size", options->job_partition_size,
                   ctx.text("cli.job_partition_option"))
      ->envname("RAPPORT_JOB_PARTITION_SIZE")
      ->check(CLI::Range(1, 10000000));
  serve_cmd->add_option("--job-pause-ms", options->job_pause_ms, ctx.text("cli.job_pause_option"))
      ->envname("RAPPORT_JOB_PAUSE_MS")
      ->check(CLI::Range(0, 60000));
  serve_cmd->add_option("--drain-ms", options->drain_ms, ctx.text("cli.drain_option"))
      ->envname("RAPPORT_DRAIN_MS")
      ->check(CLI::Range(0, 120000));
  serve_cmd->add_option("--mail-sink-dir", options->mail_sink_dir, ctx.text("cli.mail_sink_option"))
      ->envname("RAPPORT_MAIL_SINK_DIR");
  serve_cmd->callback([&, options] { action = [&, options] { return serve(ctx, *options); }; });
}

}  // namespace rapport::cli
