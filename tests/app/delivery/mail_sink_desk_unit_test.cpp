// The Sent mail page's reading of the local SMTP sink: a quote mailed by the
// delivery layer to a real sink (scripts/mail-sink) is listed newest first
// and read back with its text and PDF; only admins read it; a folder name
// that is not one of the sink's messages is not found.
#include <gtest/gtest.h>

#include "app/delivery/mail_sink_desk.h"
#include "delivery/mail/smtp_mailer.h"
#include "delivery/mail_sink_process.h"
#include "delivery/pdf/quote_pdf.h"
#include "delivery/sample_quote.h"

namespace rapport::app {
namespace {

domain::User sink_user(domain::Role role) {
  domain::User u;
  u.login = "someone";
  u.roles = {role};
  return u;
}

delivery::MailMessage sink_mail(std::string subject, std::string pdf) {
  delivery::MailMessage m;
  m.from = "quotes@rapport-demo.test";
  m.to = "helene.cote@example.fr";
  m.subject = std::move(subject);
  m.text = "Bonjour Hélène,\nvoici votre devis.\n";
  m.language = "fr";
  m.attachments.push_back({"Q-000012-2.pdf", "application/pdf", std::move(pdf)});
  return m;
}

TEST(MailSinkDesk, ListsWhatTheSinkReceivedNewestFirstAndReadsItBack) {
  delivery::testing::MailSinkProcess sink;
  ASSERT_TRUE(sink.started());
  auto pdf = delivery::render_quote_pdf(delivery::testing::sample_quote(Language::fr, 2));
  ASSERT_TRUE(pdf);
  const delivery::MailServer server{"127.0.0.1", sink.port()};
  const Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  ASSERT_TRUE(delivery::send_mail(server, sink_mail("Devis Q-000011", *pdf), now));
  ASSERT_EQ(sink.messages(1).size(), 1u);
  ASSERT_TRUE(delivery::send_mail(server, sink_mail("Devis Q-000012, révision 2", *pdf), now));
  ASSERT_EQ(sink.messages(2).size(), 2u);

  const MailSinkDesk desk(sink.folder());
  const auto admin = sink_user(domain::Role::admin);
  auto list = desk.list(admin);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].subject, "Devis Q-000012, révision 2");
  EXPECT_EQ((*list)[1].subject, "Devis Q-000011");
  EXPECT_EQ((*list)[0].recipients, std::vector<std::string>{"helene.cote@example.fr"});
  ASSERT_EQ((*list)[0].attachments.size(), 1u);
  EXPECT_EQ((*list)[0].attachments[0].filename, "Q-000012-2.pdf");
  EXPECT_EQ((*list)[0].attachments[0].size, static_cast<std::int64_t>(pdf->size()));

  auto one = desk.get(admin, (*list)[0].id);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->text, "Bonjour Hélène,\nvoici votre devis.\n");
  EXPECT_EQ(one->language, "fr");
  auto file = desk.attachment(admin, (*list)[0].id, 1);
  ASSERT_TRUE(file);
  EXPECT_EQ(file->bytes, *pdf);
  EXPECT_EQ(file->content_type, "application/pdf");
  EXPECT_EQ(desk.attachment(admin, (*list)[0].id, 2).error().code, ErrorCode::not_found);

  EXPECT_EQ(desk.list(sink_user(domain::Role::csr)).error().code, ErrorCode::forbidden);
  EXPECT_EQ(desk.get(sink_user(domain::Role::manager), (*list)[0].id).error().code,
            ErrorCode::forbidden);
  for (const char* bad : {"..", "../sink", ".hidden", "", "20261205T000000Z-1"})
    EXPECT_EQ(desk.get(admin, bad).error().code, ErrorCode::not_found) << bad;
}

TEST(MailSinkDesk, WithoutASinkThereIsNothingToList) {
  const MailSinkDesk desk("");
  EXPECT_FALSE(desk.configured());
  auto list = desk.list(sink_user(domain::Role::admin));
  ASSERT_TRUE(list);
  EXPECT_TRUE(list->empty());
}

}  // namespace
}  // namespace rapport::app
