// A real SMTP server on loopback for a test: scripts/mail-sink (Debian's
// python3-aiosmtpd) on a free port, writing what it receives into a
// temporary folder; stopped (TERM, then KILL) when the object goes. Every
// wait is bounded.
#pragma once

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "delivery/delivery_test_support.h"
#include "support/test_database.h"

extern char** environ;

namespace rapport::delivery::testing {

class MailSinkProcess {
 public:
  MailSinkProcess() {
    const std::string script = rapport::testing::source_dir() + "/scripts/mail-sink";
    const std::string folder = (temp_.path() / "sink").string();
    int out[2];
    if (pipe(out) != 0) {
      ADD_FAILURE() << "pipe";
      return;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::vector<std::string> args{script, folder, "--listen", "127.0.0.1:0"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    if (posix_spawn(&pid_, script.c_str(), &actions, nullptr, argv.data(), environ) != 0) {
      ADD_FAILURE() << "could not start " << script << " (is python3-aiosmtpd installed?)";
      pid_ = 0;
    }
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    // "mail sink: listening on 127.0.0.1:PORT, …", within 15 seconds.
    std::string line;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (pid_ && line.find('\n') == std::string::npos &&
           std::chrono::steady_clock::now() < deadline) {
      pollfd p{out[0], POLLIN, 0};
      if (poll(&p, 1, 200) <= 0) continue;
      char buffer[256];
      const auto n = read(out[0], buffer, sizeof buffer);
      if (n <= 0) break;
      line.append(buffer, static_cast<std::size_t>(n));
    }
    // Kept open until the sink stops: it logs each message there.
    log_ = out[0];
    const auto at = line.find("127.0.0.1:");
    if (at == std::string::npos) {
      ADD_FAILURE() << "the mail sink did not start: " << line;
      return;
    }
    port_ = std::stoi(line.substr(at + 10));
    folder_ = folder;
  }

  ~MailSinkProcess() { stop(); }

  // Stops the server: nothing listens on its port any more.
  void stop() {
    if (log_ >= 0) close(log_);
    log_ = -1;
    if (!pid_) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = 0;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

  bool started() const { return port_ > 0; }
  int port() const { return port_; }
  const std::string& folder() const { return folder_; }

  // The summaries (summary.json, see scripts/mail-sink) of the messages
  // received, once there are `count` of them or after 10 seconds; each has
  // "dir", its folder.
  std::vector<boost::json::object> messages(std::size_t count = 1) const {
    std::vector<boost::json::object> out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    do {
      out.clear();
      std::error_code ec;
      for (const auto& entry : std::filesystem::directory_iterator(folder_, ec)) {
        if (entry.path().filename().string().front() == '.') continue;
        std::ifstream in(entry.path() / "summary.json");
        std::stringstream text;
        text << in.rdbuf();
        auto summary = boost::json::parse(text.str()).as_object();
        summary["dir"] = entry.path().string();
        out.push_back(std::move(summary));
      }
      if (out.size() >= count) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    } while (std::chrono::steady_clock::now() < deadline);
    return out;
  }

 private:
  TempFolder temp_;
  pid_t pid_ = 0;
  int log_ = -1;
  int port_ = 0;
  std::string folder_;
};

}  // namespace rapport::delivery::testing
