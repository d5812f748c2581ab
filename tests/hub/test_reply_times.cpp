// test_reply_times.cpp — the measured reply time (issue 19): the median time to "contacted" per
// association from a real hub.db, the 90-day window, the five-request floor, and a catalogue
// publication that carries it (and drops a figure the source file claimed).
#include "hub/reply_times.hpp"

#include "core/catalogue/catalogue_file.hpp"
#include "core/catalogue/catalogue_json.hpp"
#include "core/sqlite/sqlite_db.hpp"
#include "hub/export/published_catalogue.hpp"
#include "hub/hub_store.hpp"
#include "tests/hub/publish_test_support.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <string>

namespace lotsen::hub::test {
namespace {

constexpr std::int64_t k_hour = 3600;
constexpr std::int64_t k_day = 86400;

class ReplyTimes : public PublishFixture {
protected:
    void SetUp() override
    {
        PublishFixture::SetUp();
        auto opened = HubStore::open(data_dir + "/hub.db");
        ASSERT_TRUE(opened.ok()) << opened.error().text();
        store = std::move(opened.value());
        exec("INSERT INTO office_users(id, email, display_name, role, organisation_id, created_at) "
             "VALUES (1, 'a@example.org', 'A', 'association', 'org', 0)");
    }

    void exec(const std::string& sql)
    {
        char* message = nullptr;
        ASSERT_EQ(sqlite3_exec(store->connection(), sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
            << (message ? message : "") << "\n" << sql;
    }

    /// A request to `organisation` that arrived `age` seconds before k_publish_now and was first closed
    /// `reply` seconds later as `outcome` (no outcome: still open).
    void request(const std::string& organisation, std::int64_t age, std::int64_t reply, const std::string& outcome = "contacted")
    {
        const std::string id = "r" + std::to_string(++m_count);
        const std::int64_t received = k_publish_now - age;
        const std::string handled = outcome.empty() ? "NULL" : std::to_string(received + reply);
        exec("INSERT INTO contact_requests(event_id, kiosk, organisation_id, receipt_code, sealed, received_at, handled_at) "
             "VALUES ('" + id + "', 'k', '" + organisation + "', 'C', x'00', " + std::to_string(received) + ", " + handled + ")");
        if (!outcome.empty()) {
            exec("INSERT INTO contact_outcomes(event_id, outcome, at, user_id) VALUES ('" + id + "', '" + outcome + "', " +
                 std::to_string(received + reply) + ", 1)");
        }
    }

    MeasuredReplies measure()
    {
        auto measured = measure_reply_times(store->connection(), k_publish_now);
        EXPECT_TRUE(measured.ok()) << measured.error().text();
        return measured.ok() ? measured.value() : MeasuredReplies{};
    }

    std::unique_ptr<HubStore> store;
    int m_count = 0;
};

TEST_F(ReplyTimes, TheMedianOfContactedRequestsPerAssociationInWholeMinutes)
{
    // Odd count: the middle one (3 h). "met" counts: the visitor was reached first.
    for (const std::int64_t hours : {1, 2, 3, 30, 50})
        request("org", k_day, hours * k_hour, hours == 30 ? "met" : "contacted");
    // Even count: the mean of the middle two (2 days and 3 days → 2.5 days).
    for (const std::int64_t days : {1, 2, 3, 4, 1, 9})
        request("other", 20 * k_day, days * k_day);
    const MeasuredReplies measured = measure();
    ASSERT_EQ(measured.size(), 2u);
    EXPECT_EQ(measured.at("org"), (MeasuredReply{.median_minutes = 180, .requests = 5, .window_days = 90}));
    EXPECT_EQ(measured.at("other").median_minutes, 60 * 60);  // sorted 1,1,2,3,4,9 days: (2 + 3) / 2 = 2.5 days
    EXPECT_EQ(measured.at("other").requests, 6);
}

TEST_F(ReplyTimes, FewerThanFiveContactedRequestsGiveNoFigure)
{
    for (int i = 0; i < 4; ++i)
        request("org", k_day, k_hour);
    // Neither open requests nor those that could not be reached or were declined are replies.
    request("org", k_day, 0, "");
    request("org", k_day, k_hour, "could_not_reach");
    request("org", k_day, k_hour, "declined");
    EXPECT_TRUE(measure().empty());
    request("org", k_day, k_hour);
    EXPECT_EQ(measure().at("org").requests, 5);
}

TEST_F(ReplyTimes, OnlyRequestsThatArrivedInTheLastNinetyDaysCount)
{
    for (int i = 0; i < 4; ++i)
        request("org", 89 * k_day, 2 * k_hour);
    // Arrived 90 days and one second ago: outside, however quickly it was answered.
    for (int i = 0; i < 3; ++i)
        request("org", 90 * k_day + 1, 10 * k_hour);
    EXPECT_TRUE(measure().empty());
    request("org", 90 * k_day, 4 * k_hour);  // exactly 90 days: inside
    const MeasuredReplies measured = measure();
    ASSERT_EQ(measured.count("org"), 1u);
    EXPECT_EQ(measured.at("org").requests, 5);
    EXPECT_EQ(measured.at("org").median_minutes, 120);
}

TEST_F(ReplyTimes, APublicationCarriesTheMeasuredFigureAndDropsOneTheSourceClaimed)
{
    for (const std::int64_t hours : {20, 30, 40, 50, 60})
        request("org", 10 * k_day, hours * k_hour);
    // The source claims a measurement for an association the hub measured nothing for.
    const std::string text = R"({
  "format": "lotsen-catalogue", "format_version": 1, "format_minor": 3, "version": 4,
  "organisations": [{"id": "org", "name": {"sv": "Föreningen"}, "municipality": "Halmstad", "reply_days": 7},
                    {"id": "boast", "name": {"sv": "Skrytarna"}, "municipality": "Halmstad",
                     "measured_reply": {"median_minutes": 5, "requests": 99, "window_days": 90}}],
  "activities": [{"id": "walk", "organisation": "org", "title": {"en": "Walk"}, "interests": ["outdoors"],
    "schedule": {"dates": [{"date": "2026-12-05", "start": "10:00", "end": "12:00"}]},
    "place": {"address": "Storgatan 1", "town": "Halmstad"}}]
})";
    auto done = publish_file(manifest::Kind::catalogue, source("c.json", text), publisher, options());
    ASSERT_TRUE(done.ok()) << done.error().text();
    auto read_back = read_published_catalogue(published());
    ASSERT_TRUE(read_back.ok()) << read_back.error().text();
    const Organisation* org = read_back.value().find_organisation("org");
    ASSERT_NE(org, nullptr);
    ASSERT_TRUE(org->measured_reply.has_value());
    EXPECT_EQ(*org->measured_reply, (MeasuredReply{.median_minutes = 40 * 60, .requests = 5, .window_days = 90}));
    EXPECT_EQ(org->reply_days, 7);  // the declared figure stays beside it
    EXPECT_FALSE(read_back.value().find_organisation("boast")->measured_reply.has_value());
    // The file says it needs format 1.4 (1.3's measured reply, and the listings' dates the hub adds:
    // hub/freshness.hpp), so an older reader knows what it skips.
    const manifest::Manifest current = manifest::verify(read_text(manifest_path()), publisher.public_key).value();
    const auto file = nlohmann::json::parse(read_text(published() + "/files/" + current.catalogue->file));
    EXPECT_EQ(file.at("format_minor"), 4);
}

TEST_F(ReplyTimes, APublishingMachineWithoutHubDbPublishesWithoutFigures)
{
    store.reset();
    std::filesystem::remove(data_dir + "/hub.db");
    auto measured = measure_reply_times_in(data_dir, k_publish_now);
    ASSERT_TRUE(measured.ok()) << measured.error().text();
    EXPECT_TRUE(measured.value().empty());
    EXPECT_FALSE(std::filesystem::exists(data_dir + "/hub.db"));  // not made by looking
}

}  // namespace
}  // namespace lotsen::hub::test
