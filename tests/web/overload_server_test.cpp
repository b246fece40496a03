// The server under hostile load, in-process on loopback: uploads held to
// the body limit until their sender is known, password hashing bounded
// whatever the spelling of its path, connections capped per address, a
// head trickled byte by byte cut at the read timeout, and /metrics bounded
// and kept to those who may read it.
#include <filesystem>
#include <fstream>

#include <boost/asio/read_until.hpp>
#include <stdlib.h>

#include "app/users/token_desk.h"
#include "support/server_fixture.h"

namespace rapport::web {
namespace {

using namespace std::chrono_literals;

// A 63 MiB upload announced by its head; the body is never sent.
std::string upload_head(const std::string& cookie = {}, const std::string& csrf = {}) {
  std::string head =
      "POST /customers/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n"
      "Content-Length: 66060288\r\n";
  if (!cookie.empty()) head += "Cookie: " + std::string(kSessionCookie) + "=" + cookie + "\r\n";
  if (!csrf.empty()) head += "X-CSRF-Token: " + csrf + "\r\n";
  return head + "\r\n";
}

class Overload : public ServerTest {
 protected:
  // Reads one answer, giving up after `limit` (the test fails then).
  http::response<http::string_body> answer(tcp::socket& s, std::chrono::seconds limit = 5s) {
    beast::tcp_stream stream(std::move(s));
    stream.expires_after(limit);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    beast::error_code ec;
    http::read(stream, buffer, res, ec);
    EXPECT_FALSE(ec) << ec.message();
    s = stream.release_socket();
    return res;
  }
  // How long until the server closes `s`, up to `limit`.
  std::chrono::milliseconds time_to_close(tcp::socket& s, std::chrono::seconds limit) {
    beast::tcp_stream stream(std::move(s));
    stream.expires_after(limit);
    const auto start = std::chrono::steady_clock::now();
    std::array<char, 512> sink{};
    beast::error_code ec;
    while (!ec) stream.read_some(asio::buffer(sink), ec);
    s = stream.release_socket();
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
  }
  std::string session_of(const std::string& login) {
    auto session = auth.login({login, "password1", "127.0.0.1", "test"});
    EXPECT_TRUE(session);
    csrf = session ? session->csrf_token : "";
    return session ? session->token : "";
  }
  std::string csrf;
};

TEST_F(Overload, AnAnonymousUploadIsRefusedFromItsHeadWithoutReadingItsBody) {
  auto s = connect();
  asio::write(s, asio::buffer(upload_head()));
  auto res = answer(s);
  EXPECT_EQ(res.result_int(), 413);
}

TEST_F(Overload, AnUploadFromAUserWithoutTheRightIsHeldToTheBodyLimit) {
  testing::add_user(t.db(), clock, "cora", domain::Role::csr);
  const auto cookie = session_of("cora");
  auto s = connect();
  asio::write(s, asio::buffer(upload_head(cookie, csrf)));
  EXPECT_EQ(answer(s).result_int(), 413);
}

// A file over the ordinary 1 MiB body limit, sent with Content-Length by a
// manager, is taken: the import starts and the browser goes to its job.
TEST_F(Overload, AManagersUploadMayExceedTheBodyLimit) {
  testing::add_user(t.db(), clock, "mona", domain::Role::manager);
  const auto cookie = session_of("mona");
  std::string csv = "kind,family_name,given_name\n";
  while (csv.size() < 3 * 1024 * 1024 / 2) csv += "person,Martin,Paul\n";
  auto s = connect();
  http::request<http::string_body> req{http::verb::post, "/customers/import", 11};
  req.set(http::field::cookie, std::string(kSessionCookie) + "=" + cookie);
  req.set("X-CSRF-Token", csrf);
  req.set(http::field::content_type, "text/csv");
  req.body() = csv;
  auto res = send(s, req);
  EXPECT_EQ(res.result_int(), 303) << res.body().substr(0, 300);
  EXPECT_TRUE(std::string(res[http::field::location]).starts_with("/jobs/"));
}

// This process's resident memory, in MiB.
double rss_mib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.starts_with("VmRSS:")) return std::stod(line.substr(6)) / 1024;
  return 0;
}

// Uploads received into a directory of the test's own.
class UploadFiles : public Overload {
 protected:
  void tune(ServerOptions& o) override {
    std::string name = (std::filesystem::temp_directory_path() / "rapport-uploads-XXXXXX").string();
    ASSERT_NE(::mkdtemp(name.data()), nullptr);
    dir = name;
    o.upload_dir = dir;
  }
  void TearDown() override {
    Overload::TearDown();
    std::filesystem::remove_all(dir);
  }
  // The files in `dir` and their total size.
  std::pair<int, std::uintmax_t> files() {
    std::pair<int, std::uintmax_t> out{0, 0};
    for (const auto& f : std::filesystem::directory_iterator(dir)) {
      ++out.first;
      out.second += f.file_size();
    }
    return out;
  }
  // Waits (up to 5 s) until `ok(files())`.
  template <typename Ok>
  bool wait_for_files(Ok ok) {
    for (int i = 0; i < 500; ++i) {
      if (ok(files())) return true;
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }
  // The head of a manager's upload of `bytes` (a CSV the import refuses at
  // its header, so that the job ends at once).
  std::string manager_upload(std::size_t bytes) {
    testing::add_user(t.db(), clock, "mona", domain::Role::manager);
    const auto cookie = session_of("mona");
    return "POST /customers/import HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/csv\r\n"
           "Content-Length: " +
           std::to_string(bytes) + "\r\nCookie: " + std::string(kSessionCookie) + "=" + cookie +
           "\r\nX-CSRF-Token: " + csrf + "\r\n\r\n";
  }
  std::filesystem::path dir;
};

// Two 60 MiB uploads received at once go to two temporary files as they
// arrive: the server's memory does not grow with them, and the files are
// gone once the answers are made.
TEST_F(UploadFiles, TwoLargeUploadsGoToTemporaryFilesNotMemory) {
  constexpr std::size_t kChunk = 64 * 1024;
  constexpr std::size_t kBytes = 960 * kChunk;  // 60 MiB
  const std::string head = manager_upload(kBytes);
  std::string chunk = "padding\n";
  chunk.resize(kChunk, 'x');
  std::array<tcp::socket, 2> s{connect(), connect()};
  for (auto& c : s) asio::write(c, asio::buffer(head));
  const double before = rss_mib();
  double peak = before;
  for (std::size_t sent = kChunk; sent < kBytes; sent += kChunk) {
    for (auto& c : s) asio::write(c, asio::buffer(chunk));
    if (sent % (16 * kChunk) == 0) peak = std::max(peak, rss_mib());
  }
  // All but the last chunk received: two files holding what was sent.
  EXPECT_TRUE(wait_for_files([&](auto f) {
    return f.first == 2 && f.second == 2 * (kBytes - kChunk);
  })) << files().first
      << " files of " << files().second << " bytes";
  peak = std::max(peak, rss_mib());
  EXPECT_LT(peak - before, 24.0) << "MiB more while receiving 2 × 60 MiB";
  for (auto& c : s) asio::write(c, asio::buffer(chunk));
  for (auto& c : s) EXPECT_EQ(answer(c, 30s).result_int(), 303);
  EXPECT_TRUE(wait_for_files([](auto f) { return f.first == 0; }));
}

// A sender that goes away mid-upload leaves no file behind.
TEST_F(UploadFiles, AnUploadCutOffMidwayLeavesNoFile) {
  auto s = connect();
  asio::write(s, asio::buffer(manager_upload(8 << 20)));
  asio::write(s, asio::buffer(std::string(1 << 20, 'x')));
  EXPECT_TRUE(wait_for_files([](auto f) { return f.first == 1 && f.second == (1 << 20); }));
  s.close();
  EXPECT_TRUE(wait_for_files([](auto f) { return f.first == 0; }));
}

class HashingQueueOfOne : public Overload {
  void tune(ServerOptions& o) override { o.max_hashing_queue = 1; }
};

// "/%6Cogin" is "/login" once decoded: it waits for the same bounded pool,
// and is refused with Retry-After when that pool is full.
TEST_F(HashingQueueOfOne, APercentEncodedLogInCountsAgainstThePasswordHashingPool) {
  auto held = connect();
  http::request<http::string_body> first{http::verb::post, "/login", 11};
  first.set(http::field::host, "127.0.0.1");
  first.set("X-Test-Hold", "1");
  first.set(http::field::content_type, "application/x-www-form-urlencoded");
  first.body() = "login=nobody&password=wrong";
  first.prepare_payload();
  http::write(held, first);
  std::this_thread::sleep_for(200ms);

  auto s = connect();
  asio::write(s, asio::buffer(std::string(
                     "POST /%6Cogin HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\n"
                     "a=b&c")));
  auto refused = answer(s);
  EXPECT_EQ(refused.result_int(), 503);
  EXPECT_EQ(refused[http::field::retry_after], "5");
  EXPECT_NE(answer(held).result_int(), 503);
}

class TwoWorkers : public Overload {
  void tune(ServerOptions& o) override { o.worker_threads = 2; }
};

// Every worker busy for a while, more requests queued behind them: the
// liveness probe is answered at once all the same (a load balancer must not
// take a busy server for a dead one), and the queued requests are answered.
TEST_F(TwoWorkers, HealthIsAnsweredWhileEveryWorkerIsBusy) {
  std::vector<tcp::socket> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(connect());
    http::request<http::string_body> slow{http::verb::get, "/login", 11};
    slow.set(http::field::host, "127.0.0.1");
    slow.set("X-Test-Hold", "1");
    http::write(held.back(), slow);
  }
  std::this_thread::sleep_for(100ms);
  auto probe = connect();
  const auto asked = std::chrono::steady_clock::now();
  auto health = send(probe, {http::verb::get, "/health", 11});
  const auto waited = std::chrono::steady_clock::now() - asked;
  EXPECT_EQ(health.result_int(), 200);
  EXPECT_EQ(health.body(), "ok\n");
  EXPECT_LT(waited, 500ms) << "the probe waited behind the held requests";
  for (auto& s : held) EXPECT_EQ(answer(s).result_int(), 200);
}

class ThreeConnectionsPerAddress : public Overload {
  void tune(ServerOptions& o) override { o.max_connections_per_address = 3; }
};

TEST_F(ThreeConnectionsPerAddress, AFourthIsClosedAndAFreedPlaceIsUsedAgain) {
  std::vector<tcp::socket> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(connect());
    EXPECT_EQ(send(open.back(), {http::verb::get, "/health", 11}).result_int(), 200);
  }
  auto fourth = connect();
  EXPECT_LT(time_to_close(fourth, 3s), 2000ms);

  open.front().close();
  std::this_thread::sleep_for(200ms);
  auto again = connect();
  EXPECT_EQ(send(again, {http::verb::get, "/health", 11}).result_int(), 200);
}

class ShortTimeouts : public Overload {
  void tune(ServerOptions& o) override {
    o.read_timeout = 1s;
    o.idle_timeout = 10s;
  }
};

// A client that starts a request and then trickles it (slowloris) has the
// read timeout for its head, not the idle time of a keep-alive connection.
TEST_F(ShortTimeouts, AHeadLeftUnfinishedIsCutAtTheReadTimeout) {
  auto s = connect();
  asio::write(s, asio::buffer(std::string("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")));
  auto waited = time_to_close(s, 8s);
  EXPECT_GE(waited, 800ms);
  EXPECT_LT(waited, 4000ms);
}

TEST_F(ShortTimeouts, AnIdleConnectionWaitsTheIdleTimeForItsNextRequest) {
  auto s = connect();
  std::this_thread::sleep_for(1500ms);  // longer than the read timeout
  EXPECT_EQ(send(s, {http::verb::get, "/health", 11}).result_int(), 200);
}

TEST_F(Overload, MetricsCountMethodsHttpDoesNotDefineAsOne) {
  for (const char* method : {"FROB", "QWERTY", "X1"}) {
    auto s = connect();
    asio::write(s, asio::buffer(std::string(method) + " /health HTTP/1.1\r\nHost: x\r\n\r\n"));
    answer(s);
  }
  const auto text = get("/metrics").body();
  EXPECT_NE(text.find("method=\"other\""), std::string::npos);
  for (const char* method : {"FROB", "QWERTY", "X1"})
    EXPECT_EQ(text.find(method), std::string::npos) << method;
}

TEST_F(Overload, MetricsAreForThisMachineOrAnAdminsToken) {
  auto s = connect();
  http::request<http::string_body> proxied{http::verb::get, "/metrics", 11};
  proxied.set("X-Forwarded-For", "203.0.113.9");
  EXPECT_EQ(send(s, proxied).result_int(), 403);

  testing::add_user(t.db(), clock, "ada", domain::Role::admin);
  testing::add_user(t.db(), clock, "cora", domain::Role::csr);
  for (auto [login, status] : {std::pair{"ada", 200}, std::pair{"cora", 403}}) {
    auto token = app::TokenDesk(t.db(), clock).create(login, "prometheus");
    ASSERT_TRUE(token);
    auto c = connect();
    proxied.set(http::field::authorization, "Bearer " + token->token);
    EXPECT_EQ(send(c, proxied).result_int(), status) << login;
  }
  EXPECT_EQ(get("/metrics").result_int(), 200);  // from this machine, not proxied
}

}  // namespace
}  // namespace rapport::web
