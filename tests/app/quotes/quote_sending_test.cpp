// Sending quotes on a real database (SQLite and PostgreSQL) to a real SMTP
// server on loopback (scripts/mail-sink, python3-aiosmtpd), the PDFs read
// back with pdftotext: e-mail in the customer's language with the PDF
// attached, fax through the gateway address, letters through the print
// queue, a refused or unreachable server failing the sending with its
// error and a retry after the fix sending it; refusals change nothing.
#include "app/quotes/quote_sending.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "app/jobs/job_kinds.h"
#include "app/quotes/quote_desk.h"
#include "app/settings/settings_desk.h"
#include "delivery/delivery_test_support.h"
#include "delivery/mail_sink_process.h"
#include "store/row_values.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using delivery::testing::MailSinkProcess;
using delivery::testing::pdf_pages_text;
using rapport::testing::ymd;

std::string sent_file(const boost::json::object& m, const std::string& file) {
  std::ifstream in(std::string(m.at("dir").as_string()) + "/" + file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string all_text(const std::string& pdf) {
  std::string out;
  for (const auto& page : pdf_pages_text(pdf)) out += page;
  return out;
}

class QuoteSendingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(sink.started());
    define_jobs(jobs, t.db(), clock);
    use_smtp_port(sink.port());
    Product p;
    p.code = "FIBRE-PRO";
    p.name_en = "Pro fibre box";
    p.name_fr = "Box fibre Éole Pro";
    p.vat_rate = 2000;
    p.orderable_from = ymd(2026, 1, 1);
    auto product = catalog.create_product(manager, p);
    ASSERT_TRUE(product) << product.error().key;
    PriceList list;
    list.code = "STD";
    list.name_en = "Standard";
    list.currency = "EUR";
    list.valid_from = ymd(2026, 1, 1);
    list.is_default = true;
    auto stored = catalog.create_price_list(manager, list);
    ASSERT_TRUE(stored) << stored.error().key;
    ASSERT_TRUE(catalog.set_price(manager, stored->id, {product->id, 123'456, {}}));
  }

  void use_smtp_port(int port) {
    auto s = settings.get(admin);
    ASSERT_TRUE(s);
    s->company_name = "Télécom Éole";
    s->smtp_host = "127.0.0.1";
    s->smtp_port = port;
    s->smtp_sender = "devis@eole.example";
    s->fax_gateway_domain = "fax.eole.example";
    s->letterhead_address = "12, rue de l’Église\n69002 Lyon";
    auto saved = settings.update(admin, *s);
    ASSERT_TRUE(saved) << saved.error().key << " " << saved.error().field;
  }

  Customer customer(std::string family, std::string given, Language lang,
                    std::vector<std::string> emails, std::vector<TypedPhone> phones = {}) {
    NewCustomer n;
    n.customer.family_name = std::move(family);
    n.customer.given_name = std::move(given);
    n.language = lang;
    n.customer.emails = std::move(emails);
    n.customer.address = {"3 allée des Châtaigniers", "", "38000", "Grenoble", "", "FR"};
    n.typed_phones = std::move(phones);
    n.save_despite_duplicates = true;
    auto added = customers.add(csr, n);
    EXPECT_TRUE(added && added->created) << (added ? "duplicates" : added.error().key);
    return added && added->created ? added->created->customer : Customer{};
  }

  // A draft quote of the customer with one line (unless `lines` is false).
  Quote quote_for(const Customer& c, bool lines = true) {
    QuoteHeader h;
    h.customer = c.id.value;
    auto q = quotes.create(csr, h);
    EXPECT_TRUE(q) << (q ? "" : q.error().key);
    if (!q || !lines) return q ? *q : Quote{};
    QuoteLineInput line;
    line.product_code = "FIBRE-PRO";
    line.quantity = 2000;
    auto with_line = quotes.add_line(csr, q->id, q->version, line);
    EXPECT_TRUE(with_line) << (with_line ? "" : with_line.error().key);
    return with_line ? *with_line : *q;
  }

  QuoteSending send(const Quote& q, QuoteChannel channel) {
    auto s = sending.send(csr, q.id, q.version, channel);
    EXPECT_TRUE(s) << (s ? "" : s.error().key + " " + s.error().field);
    return s ? *s : QuoteSending{};
  }

  // The sending once its delivery ended (sent or failed), or as it is after
  // 20 seconds.
  QuoteSending delivered(Id<QuoteSending> id) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    for (;;) {
      auto s = sending.find(csr, id);
      if (!s) return {};
      if (s->status != SendingStatus::queued || std::chrono::steady_clock::now() > deadline)
        return *s;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  // The delivery jobs ("quote_sending"), oldest first, once each has ended
  // (or as they are after 10 seconds).
  std::vector<Job> sending_jobs() {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
      std::vector<Job> out;
      auto ids = t.db().read([](store::Tx& tx) -> Result<std::vector<std::int64_t>> {
        std::vector<std::int64_t> v;
        soci::rowset<soci::row> rs =
            tx.sql().prepare << "SELECT id FROM jobs WHERE kind = 'quote_sending' ORDER BY id";
        for (const auto& r : rs) v.push_back(store::int64_at(r, 0));
        return v;
      });
      bool ended = true;
      for (auto id : ids ? *ids : std::vector<std::int64_t>{}) {
        auto job = jobs.get(csr, Id<Job>{id});
        if (!job) continue;
        ended &= job->status == JobStatus::done || job->status == JobStatus::failed;
        out.push_back(*job);
      }
      if (ended || std::chrono::steady_clock::now() > deadline) return out;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  std::vector<Interaction> interactions_of(const Customer& c) {
    auto v = customers.view(csr, c.id);
    std::vector<Interaction> out;
    if (v)
      for (const auto& line : v->history) {
        out.push_back(line.line);
        out.insert(out.end(), line.steps.begin(), line.steps.end());
      }
    return out;
  }

  MailSinkProcess sink;
  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};  // 2026-03-10
  i18n::Catalog i18n_catalog{testing::test_locale_dir()};
  JobRunner jobs{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  User admin = testing::add_user(t.db(), clock, "ada", Role::admin, "Ada");
  CatalogDesk catalog{t.db(), clock};
  CustomerDesk customers{t.db(), clock};
  SettingsDesk settings{t.db(), clock};
  QuoteDesk quotes{t.db(), clock};
  QuoteSendingDesk sending{t.db(), clock, i18n_catalog, jobs};
};

TEST_F(QuoteSendingTest, EmailsTheQuoteInEachCustomersLanguageWithThePdfAttached) {
  auto helene = customer("Côté", "Hélène", Language::fr, {"helene.cote@example.fr"});
  auto john = customer("Smith", "John", Language::en, {"john.smith@example.com"});
  auto fr_quote = quote_for(helene), en_quote = quote_for(john);
  auto fr = send(fr_quote, QuoteChannel::email), en = send(en_quote, QuoteChannel::email);
  EXPECT_EQ(delivered(fr.id).status, SendingStatus::sent);
  EXPECT_EQ(delivered(en.id).status, SendingStatus::sent);

  auto got = sink.messages(2);
  ASSERT_EQ(got.size(), 2u);
  for (auto& m : got) {
    const bool french = m["to"].as_string() == "helene.cote@example.fr";
    const Quote& q = french ? fr_quote : en_quote;
    EXPECT_EQ(m["from"].as_string(), "Télécom Éole <devis@eole.example>");
    EXPECT_EQ(m["subject"].as_string(),
              french ? "Votre devis " + q.number + ", révision 1 — Télécom Éole"
                     : "Your quote " + q.number + ", revision 1 — Télécom Éole");
    auto& attachments = m["attachments"].as_array();
    ASSERT_EQ(attachments.size(), 1u);
    auto& a = attachments[0].as_object();
    EXPECT_EQ(a["filename"].as_string(), q.number + "-1.pdf");
    const std::string text = all_text(sent_file(m, std::string(a["file"].as_string())));
    if (french) {
      EXPECT_NE(text.find("Devis " + q.number + ", révision 1"), std::string::npos) << text;
      EXPECT_NE(text.find("Box fibre Éole Pro"), std::string::npos) << text;
      EXPECT_NE(text.find("2 962,94"), std::string::npos) << text;  // 2 × 1 234,56 + 20 %
      EXPECT_NE(text.find("Total TTC"), std::string::npos) << text;
      EXPECT_NE(text.find("Côté, Hélène"), std::string::npos) << text;
      // The letterhead from the installation settings, the customer's
      // address, the validity (2026-03-10 + the default 30 days).
      for (const char* shown : {"Télécom Éole", "12, rue de l’Église", "69002 Lyon",
                                "3 allée des Châtaigniers", "38000 Grenoble", "9 avr. 2026"})
        EXPECT_NE(text.find(shown), std::string::npos) << shown << " not in:\n" << text;
    } else {
      EXPECT_NE(text.find("Quote " + q.number + ", revision 1"), std::string::npos) << text;
      EXPECT_NE(text.find("Pro fibre box"), std::string::npos) << text;
      EXPECT_NE(text.find("2,962.94"), std::string::npos) << text;
      EXPECT_NE(text.find("Total incl. VAT"), std::string::npos) << text;
    }
  }
  auto q = quotes.view(csr, fr_quote.id);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->quote.status, QuoteStatus::sent);
  EXPECT_EQ(q->quote.sent_channel, QuoteChannel::email);
  // Logged on the customer: the channel and the document.
  bool logged = false;
  for (const auto& i : interactions_of(helene))
    logged |= i.channel == InteractionChannel::email && i.outcome == "sent" &&
              i.summary.find(fr_quote.number + "-1.pdf") != std::string::npos &&
              i.related_type == "quote" && i.related_id == fr_quote.id.value;
  EXPECT_TRUE(logged);
  // The stored PDF is the one that was mailed.
  auto stored = sending.pdf(csr, fr.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->substr(0, 5), "%PDF-");
}

TEST_F(QuoteSendingTest, AFaxIsMailedToTheGatewayAddressOfTheNumber) {
  auto c = customer("Morel", "Luc", Language::fr, {},
                    {{PhoneType::fax, "04 78 12 34 56"}, {PhoneType::mobile, "06 12 34 56 78"}});
  auto q = quote_for(c);
  auto channel = sending.default_channel(csr, q.id);
  ASSERT_TRUE(channel);
  EXPECT_EQ(*channel, QuoteChannel::fax);
  auto s = send(q, QuoteChannel::fax);
  EXPECT_EQ(s.recipient, "+33478123456");
  EXPECT_EQ(s.address, "33478123456@fax.eole.example");
  EXPECT_EQ(delivered(s.id).status, SendingStatus::sent);
  auto got = sink.messages(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["envelope_to"].as_array(), boost::json::array{"33478123456@fax.eole.example"});
  EXPECT_EQ(got[0]["attachments"].as_array().size(), 1u);
  // Logged on the customer as a fax, with the document and the number.
  bool logged = false;
  for (const auto& i : interactions_of(c))
    logged |= i.channel == InteractionChannel::fax && i.outcome == "sent" &&
              i.summary == s.filename + " → +33478123456" && i.related_id == q.id.value;
  EXPECT_TRUE(logged);
}

TEST_F(QuoteSendingTest, LettersWaitInThePrintQueueArePrintedAsOnePdfAndPostedByBatch) {
  auto helene = customer("Côté", "Hélène", Language::fr, {});
  auto john = customer("Smith", "John", Language::en, {});
  auto a = send(quote_for(helene), QuoteChannel::letter);
  auto b = send(quote_for(john), QuoteChannel::letter);
  EXPECT_EQ(a.status, SendingStatus::queued);
  auto queue = sending.print_queue(csr);
  ASSERT_TRUE(queue);
  EXPECT_EQ(queue->size(), 2u);

  auto printed = sending.print_all(csr);
  ASSERT_TRUE(printed) << printed.error().key;
  EXPECT_EQ(printed->letters.size(), 2u);
  const std::string text = all_text(printed->pdf);
  EXPECT_NE(text.find("Côté, Hélène"), std::string::npos) << text;
  EXPECT_NE(text.find("Smith, John"), std::string::npos) << text;
  EXPECT_NE(text.find("Devis " + a.quote_number), std::string::npos) << text;
  EXPECT_NE(text.find("Quote " + b.quote_number), std::string::npos) << text;

  // A letter queued after the print is not posted with the batch.
  auto c = send(quote_for(helene), QuoteChannel::letter);
  auto posted = sending.mark_posted(csr, printed->batch);
  ASSERT_TRUE(posted) << posted.error().key;
  EXPECT_EQ(*posted, 2);
  queue = sending.print_queue(csr);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_EQ(queue->front().id, c.id);
  EXPECT_EQ(sending.find(csr, a.id)->status, SendingStatus::posted);
  EXPECT_EQ(sending.mark_posted(csr, printed->batch).error().key, "sending.batch_unknown");

  // Logged on the customer as a letter: queued, then posted.
  std::vector<std::string> letter_log;
  for (const auto& i : interactions_of(john))
    if (i.channel == InteractionChannel::letter && i.summary.starts_with(b.filename))
      letter_log.push_back(i.outcome);
  std::sort(letter_log.begin(), letter_log.end());
  EXPECT_EQ(letter_log, (std::vector<std::string>{"posted", "queued"}));

  ASSERT_TRUE(sending.mark_posted(csr, sending.print_all(csr)->batch));
  EXPECT_TRUE(sending.print_queue(csr)->empty());
  EXPECT_EQ(sending.print_all(csr).error().key, "sending.queue_empty");
}

TEST_F(QuoteSendingTest, ARefusedRecipientFailsWithItsErrorAndARetryAfterTheFixIsSent) {
  auto c = customer("Petit", "Anne", Language::fr, {"anne@refused.invalid"});
  auto s = send(quote_for(c), QuoteChannel::email);
  auto failed = delivered(s.id);
  EXPECT_EQ(failed.status, SendingStatus::failed);
  EXPECT_EQ(failed.last_error, "mail.recipient_refused");
  EXPECT_EQ(failed.attempts, 1);  // a refusal is not tried again
  bool logged = false;
  for (const auto& i : interactions_of(c))
    logged |=
        i.channel == InteractionChannel::email && i.outcome == "failed: mail.recipient_refused";
  EXPECT_TRUE(logged);

  auto fixed = customers.view(csr, c.id);
  ASSERT_TRUE(fixed);
  Customer corrected = fixed->customer;
  corrected.emails = {"anne.petit@example.fr"};
  ASSERT_TRUE(customers.update(csr, corrected, {}));
  auto retried = sending.retry(csr, s.id, failed.version);
  ASSERT_TRUE(retried) << retried.error().key;
  EXPECT_EQ(retried->address, "anne.petit@example.fr");
  EXPECT_EQ(delivered(s.id).status, SendingStatus::sent);
  auto got = sink.messages(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["to"].as_string(), "anne.petit@example.fr");
  EXPECT_EQ(sending.retry(csr, s.id, retried->version).error().key, "sending.not_retryable");
}

TEST_F(QuoteSendingTest, AServerDownIsTriedAFewTimesThenFailsAndARetrySendsIt) {
  MailSinkProcess later;  // started first, so it cannot take the stopped one's port
  ASSERT_TRUE(later.started());
  sink.stop();
  use_smtp_port(sink.port());  // nothing listens there any more
  auto c = customer("Roux", "Marc", Language::fr, {"marc.roux@example.fr"});
  auto s = send(quote_for(c), QuoteChannel::email);
  auto failed = delivered(s.id);
  EXPECT_EQ(failed.status, SendingStatus::failed);
  EXPECT_EQ(failed.last_error, "mail.unreachable");
  EXPECT_EQ(failed.attempts, kMaxSendAttempts);
  // Shown: the customer's sendings (the 360° view's list) say it failed,
  // and why; logged once on the customer, with the channel and document.
  auto listed = sending.of_customer(csr, c.id.value);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().status, SendingStatus::failed);
  EXPECT_EQ(listed->front().last_error, "mail.unreachable");
  auto logged = [&](const std::string& outcome) {
    int n = 0;
    for (const auto& i : interactions_of(c))
      n += i.channel == InteractionChannel::email && i.outcome == outcome &&
           i.summary.find(s.filename) != std::string::npos && i.related_type == "quote";
    return n;
  };
  EXPECT_EQ(logged("failed: mail.unreachable"), 1);
  EXPECT_EQ(logged("sent"), 0);

  use_smtp_port(later.port());
  auto retried = sending.retry(csr, s.id, failed.version);
  ASSERT_TRUE(retried) << retried.error().key;
  auto sent = delivered(s.id);
  EXPECT_EQ(sent.status, SendingStatus::sent);
  EXPECT_EQ(sent.attempts, kMaxSendAttempts + 1);
  EXPECT_TRUE(sent.last_error.empty());
  auto got = later.messages(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["to"].as_string(), "marc.roux@example.fr");
  EXPECT_EQ(got[0]["attachments"].as_array().size(), 1u);
  // Each delivery ran as a job: the first failed after its attempts, the
  // retry's a new job that sent it; both show their progress and attempts.
  auto delivery_jobs = sending_jobs();
  ASSERT_EQ(delivery_jobs.size(), 2u);
  EXPECT_EQ(delivery_jobs[0].status, JobStatus::failed);
  EXPECT_EQ(delivery_jobs[0].message_key, "sending.job_failed");
  EXPECT_EQ(delivery_jobs[0].counts["attempts"], kMaxSendAttempts);
  EXPECT_EQ(delivery_jobs[1].status, JobStatus::done);
  EXPECT_EQ(delivery_jobs[1].message_key, "sending.job_sent");
  EXPECT_EQ(delivery_jobs[1].counts["attempts"], kMaxSendAttempts + 1);
  for (const auto& job : delivery_jobs)
    EXPECT_EQ(std::make_pair(job.done, job.total), std::make_pair(1L, 1L));
  // The retry's success is logged too; the failure stays in the history.
  EXPECT_EQ(logged("sent"), 1);
  EXPECT_EQ(logged("failed: mail.unreachable"), 1);
  EXPECT_EQ(sending.of_customer(csr, c.id.value)->front().status, SendingStatus::sent);
}

TEST_F(QuoteSendingTest, AnEmailLeftQueuedByAStoppedServerMayBeRetriedLater) {
  // A server that stopped mid-delivery: its job ended without a word.
  JobRunner stopped{t.db(), clock};
  stopped.define(
      "quote_sending", Capability::take_orders,
      [](JobContext&, const std::string&) -> Result<JobSummary> { return JobSummary{}; });
  QuoteSendingDesk on_stopped{t.db(), clock, i18n_catalog, stopped};
  auto c = customer("Gris", "Jean", Language::fr, {"jean.gris@example.fr"});
  auto q = quote_for(c);
  auto s = on_stopped.send(csr, q.id, q.version, QuoteChannel::email);
  ASSERT_TRUE(s) << s.error().key;
  EXPECT_EQ(s->status, SendingStatus::queued);
  // Its job ended (its workers claim jobs from the database like any
  // server's); then the server is gone and claims nothing more.
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
       std::chrono::steady_clock::now() < deadline;
       std::this_thread::sleep_for(std::chrono::milliseconds(10))) {
    long long open = t.db()
                         .read([](store::Tx& tx) -> Result<long long> {
                           long long n = 0;
                           tx.sql() << "SELECT COUNT(*) FROM jobs WHERE status IN ('queued', "
                                       "'running')",
                               soci::into(n);
                           return n;
                         })
                         .value();
    if (open == 0) break;
  }
  stopped.freeze_for_test();
  // Maybe still being delivered: not yet.
  EXPECT_EQ(sending.retry(csr, s->id, s->version).error().key, "sending.not_retryable");
  clock.advance(std::chrono::minutes(10));
  auto retried = sending.retry(csr, s->id, s->version);
  ASSERT_TRUE(retried) << retried.error().key;
  EXPECT_EQ(delivered(s->id).status, SendingStatus::sent);
  EXPECT_EQ(sink.messages(1).size(), 1u);
}

TEST_F(QuoteSendingTest, NoEmailNoFaxOrNoLineIsRefusedAndNothingChanges) {
  auto c = customer("Blanc", "Paul", Language::fr, {});
  auto q = quote_for(c);
  EXPECT_EQ(*sending.default_channel(csr, q.id), QuoteChannel::letter);
  FieldErrors errors;
  auto no_email = sending.send(csr, q.id, q.version, QuoteChannel::email, &errors);
  ASSERT_FALSE(no_email);
  EXPECT_EQ(no_email.error().key, "quote.no_email");
  EXPECT_EQ(no_email.error().field, "channel");
  EXPECT_EQ(sending.send(csr, q.id, q.version, QuoteChannel::fax).error().key, "quote.no_fax");
  EXPECT_EQ(sending.send(csr, q.id, q.version, QuoteChannel::other).error().key,
            "sending.channel_invalid");
  auto empty = quote_for(c, false);
  errors = {};
  auto no_line = sending.send(csr, empty.id, empty.version, QuoteChannel::letter, &errors);
  ASSERT_FALSE(no_line);
  EXPECT_EQ(no_line.error().key, "quote.no_lines");
  EXPECT_EQ(sending.send(csr, q.id, q.version + 1, QuoteChannel::letter).error().code,
            ErrorCode::conflict);

  EXPECT_EQ(quotes.view(csr, q.id)->quote.status, QuoteStatus::draft);
  EXPECT_EQ(quotes.view(csr, q.id)->quote.version, q.version);
  EXPECT_TRUE(sending.of_customer(csr, c.id.value)->empty());
  EXPECT_TRUE(interactions_of(c).empty());
  EXPECT_EQ(sink.messages(0).size(), 0u);
}

TEST_F(QuoteSendingTest, FulfilmentUsersMayNotSend) {
  auto fred = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  auto c = customer("Noir", "Léa", Language::fr, {"lea@example.fr"});
  auto q = quote_for(c);
  EXPECT_EQ(sending.send(fred, q.id, q.version, QuoteChannel::email).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(sending.print_all(fred).error().code, ErrorCode::forbidden);
}

// Issue 17: the delivery of a quote's e-mail is a job any server may take
// over. Two servers on the database: A delivers with a long pause after
// each step, and "dies" (no heartbeat, nothing more written) at a chosen
// step; B takes the job over once A's lease ran out.
class QuoteSendingTakeoverTest : public QuoteSendingTest {
 protected:
  std::unique_ptr<JobRunner> runner(store::Database& db, std::chrono::milliseconds pause) {
    JobRunnerOptions o;
    o.workers = 1;
    o.heartbeat = std::chrono::milliseconds(100);
    o.lease = std::chrono::milliseconds(800);
    o.poll = std::chrono::milliseconds(50);
    o.pause_after_progress = pause;
    auto r = std::make_unique<JobRunner>(db, clock, o);
    define_jobs(*r, db, clock);
    return r;
  }

  // Sends the quote by e-mail through server A, waits until `when` (a
  // condition on quote_sendings) holds, kills A there, and lets B finish.
  // Returns B's job.
  Job kill_when(const Quote& q, const std::string& when, QuoteSending& sent) {
    auto a_db = store::Database::open(t.url(), 4);
    EXPECT_TRUE(a_db);
    if (!a_db) return {};
    auto a = runner(**a_db, std::chrono::milliseconds(3000));
    QuoteSendingDesk on_a{t.db(), clock, i18n_catalog, *a};
    auto s = on_a.send(csr, q.id, q.version, QuoteChannel::email);
    EXPECT_TRUE(s) << (s ? "" : s.error().key);
    if (!s) return {};
    sent = *s;
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
         t.count("quote_sendings WHERE " + when) == 0 &&
         std::chrono::steady_clock::now() < deadline;)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(t.count("quote_sendings WHERE " + when), 1);
    a->freeze_for_test();  // as kill -9: no heartbeat, nothing more written
    recorded_message_id = stored_message_id(s->id);
    auto b = runner(t.db(), std::chrono::milliseconds(0));
    b->start_workers();
    Job job;
    const std::int64_t id = t.db()
                                .read([](store::Tx& tx) -> Result<std::int64_t> {
                                  long long v = 0;
                                  tx.sql() << "SELECT MAX(id) FROM jobs WHERE kind = "
                                              "'quote_sending'",
                                      soci::into(v);
                                  return v;
                                })
                                .value();
    for (auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
         std::chrono::steady_clock::now() < deadline;
         std::this_thread::sleep_for(std::chrono::milliseconds(20))) {
      auto got = b->get(csr, Id<Job>{id});
      EXPECT_TRUE(got);
      if (!got) break;
      job = *got;
      if (is_final(job.status)) break;
    }
    EXPECT_EQ(job.partitions.size(), 1u);
    if (!job.partitions.empty()) {
      EXPECT_EQ(job.partitions.front().attempt, 2) << "taken over";
      EXPECT_EQ(job.partitions.front().claimed_by, b->server_id());
    }
    b.reset();
    a.reset();  // A wakes from its pause: it writes and sends nothing more
    return job;
  }

  std::string stored_message_id(Id<QuoteSending> id) {
    return t.db()
        .read([&](store::Tx& tx) -> Result<std::string> {
          std::string v;
          long long key = id.value;
          tx.sql() << "SELECT message_id FROM quote_sendings WHERE id = :i", soci::use(key),
              soci::into(v);
          return v;
        })
        .value();
  }

  std::string recorded_message_id;
};

TEST_F(QuoteSendingTakeoverTest, AnEmailSentBeforeItsServerDiedIsNotSentAgain) {
  auto c = customer("Roux", "Anne", Language::fr, {"anne.roux@example.fr"});
  auto q = quote_for(c);
  QuoteSending s;
  // A sent it and recorded it, then died before ending its job.
  auto job = kill_when(q, "status = 'sent'", s);
  EXPECT_EQ(job.status, JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "sending.job_sent");
  auto got = sink.messages(1);
  ASSERT_EQ(got.size(), 1u) << "never sent again";
  EXPECT_EQ(got[0]["message_id"].as_string(), recorded_message_id);
  auto now = sending.find(csr, s.id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->status, SendingStatus::sent);
  EXPECT_EQ(now->attempts, 1);
  EXPECT_EQ(now->takeover_attempts, 0);
  EXPECT_FALSE(now->attempt_started_at);
  int sent_logs = 0, takeover_logs = 0;
  for (const auto& i : interactions_of(c)) {
    sent_logs += i.outcome == "sent";
    takeover_logs += i.outcome.find("attempt_after_takeover") != std::string::npos;
  }
  EXPECT_EQ(sent_logs, 1);
  EXPECT_EQ(takeover_logs, 0);
}

TEST_F(QuoteSendingTakeoverTest, AnEmailInFlightWhenItsServerDiedIsSentWithTheSameMessageId) {
  auto c = customer("Brun", "Marc", Language::fr, {"marc.brun@example.fr"});
  auto q = quote_for(c);
  QuoteSending s;
  // A recorded its attempt and died before the outcome: whether the
  // message left is unknown.
  auto job = kill_when(q, "attempt_started_at IS NOT NULL", s);
  ASSERT_FALSE(recorded_message_id.empty()) << "chosen before the exchange";
  EXPECT_EQ(job.status, JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "sending.job_sent");
  auto got = sink.messages(1);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0]["message_id"].as_string(), recorded_message_id)
      << "the recipient's mail system can recognise a duplicate";
  EXPECT_EQ(got[0]["to"].as_string(), "marc.brun@example.fr");
  auto now = sending.find(csr, s.id);
  ASSERT_TRUE(now);
  EXPECT_EQ(now->status, SendingStatus::sent);
  EXPECT_EQ(now->message_id, recorded_message_id);
  EXPECT_EQ(now->takeover_attempts, 1) << "the attempt after a takeover is on the sending";
  EXPECT_EQ(now->attempts, 1) << "the attempts whose outcome is known";
  EXPECT_FALSE(now->attempt_started_at);
  // And in the customer's history, before the sending's outcome.
  std::vector<std::string> outcomes;
  for (const auto& i : interactions_of(c))
    if (i.related_type == "quote") outcomes.push_back(i.outcome);
  EXPECT_NE(std::find(outcomes.begin(), outcomes.end(), "queued: sending.attempt_after_takeover"),
            outcomes.end());
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "sent"), 1);
}

}  // namespace
}  // namespace rapport::app
