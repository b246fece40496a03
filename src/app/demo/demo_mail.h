// app/demo/demo_mail.h: the demo's mail goes to the local SMTP sink that
// `make run` starts (scripts/mail-sink on 127.0.0.1:2525), so the quotes a
// newcomer e-mails or faxes are seen on the admin's Sent mail page instead
// of leaving the machine.
#pragma once

#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

constexpr const char* kDemoMailHost = "127.0.0.1";
constexpr int kDemoMailPort = 2525;  // scripts/run starts the sink there
constexpr const char* kDemoMailSender = "quotes@rapport-demo.test";
constexpr const char* kDemoFaxGateway = "fax.rapport-demo.test";

// Points the installation's SMTP server at the sink, with a demo sender and
// fax gateway domain, while the mail settings are still the defaults of a
// new database (an admin's own choice is kept). True when it changed them.
Result<bool> point_demo_mail_at_sink(store::Database& db, const Clock& clock);

}  // namespace rapport::app
