// The mailer against a real SMTP server on loopback (Debian's
// python3-aiosmtpd, through scripts/mail-sink), whose Python e-mail parser
// reads back what arrived: the recipient, the subject with its accents, the
// language, the text and the PDF attached.
#include "delivery/mail/smtp_mailer.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "delivery/delivery_test_support.h"
#include "delivery/fax/fax_gateway.h"
#include "delivery/mail_sink_process.h"
#include "delivery/pdf/quote_pdf.h"
#include "delivery/sample_quote.h"

namespace rapport::delivery {
namespace {

using testing::MailSinkProcess;

const Instant kNow = date::sys_days{date::year{2026} / 12 / 5} + std::chrono::hours(17) +
                     std::chrono::minutes(45) + std::chrono::seconds(2);

MailMessage quote_mail(std::string to, std::string pdf) {
  MailMessage m;
  m.from = "devis@eole.example";
  m.from_name = "Télécom Éole";
  m.to = std::move(to);
  m.subject = "Votre devis Q-000012, révision 2 — Télécom Éole, valable jusqu'au 4 janv. 2027";
  m.text = "Bonjour Hélène,\nVeuillez trouver ci-joint notre devis.\nÀ bientôt.\n";
  m.language = "fr";
  m.attachments.push_back({"Q-000012-2.pdf", "application/pdf", std::move(pdf)});
  return m;
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(SmtpMailer, DeliversTheQuoteWithItsPdfAttached) {
  MailSinkProcess sink;
  ASSERT_TRUE(sink.started());
  auto pdf = render_quote_pdf(testing::sample_quote(Language::fr, 3));
  ASSERT_TRUE(pdf);
  auto message = quote_mail("helene.cote@example.fr", *pdf);
  auto sent = send_mail({"127.0.0.1", sink.port()}, message, kNow);
  ASSERT_TRUE(sent) << sent.error().detail;
  auto got = sink.messages();
  ASSERT_EQ(got.size(), 1u);
  auto& m = got[0];
  EXPECT_EQ(m["envelope_to"].as_array(), boost::json::array{"helene.cote@example.fr"});
  EXPECT_EQ(m["envelope_from"].as_string(), "devis@eole.example");
  EXPECT_EQ(m["to"].as_string(), "helene.cote@example.fr");
  EXPECT_EQ(m["from"].as_string(), "Télécom Éole <devis@eole.example>");
  EXPECT_EQ(m["subject"].as_string(), message.subject);
  EXPECT_EQ(m["language"].as_string(), "fr");
  EXPECT_EQ(m["date"].as_string(), "Sat, 05 Dec 2026 17:45:02 +0000");
  EXPECT_EQ(m["message_id"].as_string(), sent->message_id);
  EXPECT_EQ(m["text"].as_string(), message.text);
  auto& attachments = m["attachments"].as_array();
  ASSERT_EQ(attachments.size(), 1u);
  auto& a = attachments[0].as_object();
  EXPECT_EQ(a["filename"].as_string(), "Q-000012-2.pdf");
  EXPECT_EQ(a["content_type"].as_string(), "application/pdf");
  const std::string received = file_bytes(std::string(m["dir"].as_string()) + "/attachments/1");
  EXPECT_EQ(received, *pdf);
  EXPECT_NE(testing::pdf_pages_text(received).at(0).find("Hélène Côté-Müller"), std::string::npos);
}

TEST(SmtpMailer, SaysTheServerCannotBeReachedWhenNothingListens) {
  MailSinkProcess sink;
  ASSERT_TRUE(sink.started());
  const int port = sink.port();
  sink.stop();  // the port was just free; nothing listens there now
  MailServer server{"127.0.0.1", port};
  server.connect_timeout = std::chrono::seconds(3);
  server.timeout = std::chrono::seconds(5);
  const auto started = std::chrono::steady_clock::now();
  auto sent = send_mail(server, quote_mail("helene.cote@example.fr", "%PDF-1.4"), kNow);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::unavailable);
  EXPECT_EQ(sent.error().key, "mail.unreachable");
  EXPECT_EQ(sent.error().args, (MessageArgs{{"server", "127.0.0.1:" + std::to_string(port)}}));
  EXPECT_NE(sent.error().detail.find("127.0.0.1"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(SmtpMailer, SaysTheRecipientWasRefused) {
  MailSinkProcess sink;
  ASSERT_TRUE(sink.started());
  auto sent =
      send_mail({"127.0.0.1", sink.port()}, quote_mail("nobody@refused.invalid", "x"), kNow);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().key, "mail.recipient_refused");
  EXPECT_EQ(sent.error().field, "to");
  EXPECT_EQ(sent.error().args, (MessageArgs{{"address", "nobody@refused.invalid"}}));
  EXPECT_NE(sent.error().detail.find("550"), std::string::npos) << sent.error().detail;
  // The server is still there for the next message.
  ASSERT_TRUE(send_mail({"127.0.0.1", sink.port()}, quote_mail("ana@example.fr", "x"), kNow));
  EXPECT_EQ(sink.messages().size(), 1u);
}

TEST(SmtpMailer, RefusesAnAddressThatWouldBreakTheHeaders) {
  auto sent =
      send_mail({"127.0.0.1", 1}, quote_mail("ana@example.fr\r\nBcc: eve@example.com", "x"), kNow);
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().key, "mail.recipient_refused");
}

TEST(SmtpMailer, SendsAFaxToTheGatewayAddress) {
  MailSinkProcess sink;
  ASSERT_TRUE(sink.started());
  auto to = fax_gateway_address("04 78 12 34 56", "fax.eole.example", "FR");
  ASSERT_TRUE(to);
  EXPECT_EQ(*to, "33478123456@fax.eole.example");
  auto pdf = render_quote_pdf(testing::sample_quote(Language::fr, 2));
  ASSERT_TRUE(pdf);
  ASSERT_TRUE(send_mail({"127.0.0.1", sink.port()}, quote_mail(*to, *pdf), kNow));
  auto got = sink.messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["envelope_to"].as_array(), boost::json::array{"33478123456@fax.eole.example"});
  EXPECT_EQ(got[0]["attachments"].as_array().size(), 1u);
}

TEST(FaxGateway, MailsToTheE164DigitsAtTheGatewayDomain) {
  EXPECT_EQ(*fax_gateway_address("+33 1 23 45 67 89", "fax.example.net", "FR"),
            "33123456789@fax.example.net");
  EXPECT_EQ(*fax_gateway_address("(514) 555-0199", "fax.example.net", "CA"),
            "15145550199@fax.example.net");
}

TEST(FaxGateway, RefusesANumberThatIsNotAPhoneNumberOrNoGateway) {
  auto bad = fax_gateway_address("12", "fax.example.net", "FR");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "fax.number_invalid");
  EXPECT_EQ(bad.error().field, "fax");
  EXPECT_EQ(bad.error().args, (MessageArgs{{"number", "12"}}));
  auto none = fax_gateway_address("+33 1 23 45 67 89", "", "FR");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().key, "fax.gateway_missing");
}

TEST(MailHeaders, EncodesTextOutsideAsciiInWordsOfAtMost75Characters) {
  EXPECT_EQ(encode_header_words("Quote Q-000012"), "Quote Q-000012");
  EXPECT_EQ(encode_header_words("été"), "=?UTF-8?B?w6l0w6k=?=");
  const std::string long_subject(40, 'e');
  const auto encoded = encode_header_words(long_subject + "é" + long_subject + "à");
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    auto end = encoded.find(' ', start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 75u);
    EXPECT_EQ(encoded.substr(start, 10), "=?UTF-8?B?");
    ++words;
    start = end + 1;
  }
  EXPECT_EQ(words, 2);
}

}  // namespace
}  // namespace rapport::delivery
