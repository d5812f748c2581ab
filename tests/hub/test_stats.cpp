// Statistics: small counts never printed, totals that would reveal them hidden, the CSV shape.
#include "tests/hub/hub_test_support.hpp"
#include "hub/stats.hpp"
#include "hub/office/office_store.hpp"

#include <sstream>

namespace lotsen::hub::test {
namespace {

class Stats : public HubFixture {
protected:
    // Stores `count` check-ins at (organisation, activity), at k_now (ISO week 2025-W47).
    void add_checkins(const std::string& organisation, const std::string& activity, int count,
                      nlohmann::json answers = nlohmann::json::object())
    {
        std::vector<protocol::WireEvent> events;
        for (int i = 0; i < count; ++i)
            events.push_back(checkin(organisation, activity, k_now - 100, true, answers));
        ASSERT_EQ(send(signed_batch(batch_of(events), k_now + m_sent), k_now + m_sent).status, 200);
        ++m_sent;  // a new timestamp, so a new signature
    }

    std::string csv()
    {
        StatsOptions options;
        options.csv = true;
        auto report = render_stats(*store, options);
        EXPECT_TRUE(report.ok());
        return report.ok() ? report.value() : std::string();
    }

    bool has_line(const std::string& text, const std::string& line)
    {
        return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
    }

    int m_sent = 0;
};

TEST(IsoWeek, FollowsIso8601AtYearEnds)
{
    EXPECT_EQ(iso_week(Date{2025, 11, 19}), "2025-W47");
    EXPECT_EQ(iso_week(Date{2024, 12, 30}), "2025-W01");  // Monday of 2025's first week
    EXPECT_EQ(iso_week(Date{2021, 1, 3}), "2020-W53");    // Sunday still in 2020's last week
    EXPECT_EQ(iso_week(Date{2026, 1, 1}), "2026-W01");
}

TEST_F(Stats, FourCheckInsArePrintedAsUnderFive)
{
    add_checkins("forening-a", "promenad", 4);
    const std::string report = csv();
    EXPECT_TRUE(has_line(report, "checkins_per_week,forening-a,2025-W47,<5")) << report;
    EXPECT_TRUE(has_line(report, "checkins_per_week,forening-a,total,<5")) << report;
    EXPECT_TRUE(has_line(report, "checkins_per_week,*,total,<5")) << report;
    EXPECT_EQ(report.find(",4\n"), std::string::npos) << report;  // the number itself appears nowhere
}

TEST_F(Stats, FiveCheckInsArePrinted)
{
    add_checkins("forening-a", "promenad", 5);
    const std::string report = csv();
    EXPECT_TRUE(has_line(report, "checkins_per_week,forening-a,2025-W47,5")) << report;
    EXPECT_TRUE(has_line(report, "checkins_per_week,forening-a/promenad,total,5")) << report;
    EXPECT_TRUE(has_line(report, "checkins_per_week,*,total,5")) << report;
}

TEST_F(Stats, ATotalCannotGiveASmallCellAway)
{
    add_checkins("forening-a", "promenad", 4);
    add_checkins("forening-b", "schack", 5);
    add_checkins("forening-c", "kor", 7);
    const std::string report = csv();
    // 16 in all is published; with b's 5 and c's 7 visible, a's 4 would follow from it, so the
    // smallest visible cell of that column (b's 5) is hidden too.
    EXPECT_TRUE(has_line(report, "checkins_per_week,*,total,16")) << report;
    EXPECT_TRUE(has_line(report, "checkins_per_week,forening-a,total,<5")) << report;
    EXPECT_TRUE(has_line(report, "checkins_per_week,forening-b,total,x")) << report;
    EXPECT_TRUE(has_line(report, "checkins_per_week,forening-c,total,7")) << report;
    // The same association total in the first-visit table is the same cell, so it is hidden there too.
    EXPECT_TRUE(has_line(report, "first_visits,forening-b,total,x")) << report;
}

TEST_F(Stats, SuppressionLeavesNoLineWithExactlyOneHiddenCell)
{
    SuppressedCells cells;
    const std::size_t a = cells.cell("a");
    const std::size_t b = cells.cell("b");
    const std::size_t c = cells.cell("c");
    const std::size_t total = cells.cell("total");
    cells.add(a, 3);
    cells.add(b, 9);
    cells.add(c, 6);
    cells.add(total, 18);
    cells.line({a, b, c, total});
    cells.suppress();
    EXPECT_EQ(cells.shown(a), "<5");
    EXPECT_EQ(cells.shown(c), "x");  // the smallest visible one
    EXPECT_EQ(cells.shown(b), "9");
    EXPECT_EQ(cells.shown(total), "18");
}

TEST_F(Stats, DistributionsAndFirstVisitShares)
{
    add_checkins("forening-a", "promenad", 6, {{"first_visit", true}, {"how_heard", "healthcare"}, {"mood", "good"}});
    add_checkins("forening-a", "promenad", 5, {{"first_visit", false}, {"how_heard", "kiosk"}, {"mood", "low"}});
    add_checkins("forening-a", "promenad", 5);  // nothing answered
    const std::string report = csv();
    EXPECT_TRUE(has_line(report, "how_heard,healthcare,check-ins,6")) << report;
    EXPECT_TRUE(has_line(report, "how_heard,kiosk,check-ins,5")) << report;
    EXPECT_TRUE(has_line(report, "how_heard,other,check-ins,<5")) << report;  // 0 is under 5 too
    EXPECT_TRUE(has_line(report, "how_heard,*,check-ins,16")) << report;
    EXPECT_TRUE(has_line(report, "mood,good,check-ins,6")) << report;
    EXPECT_TRUE(has_line(report, "first_visits,forening-a,first visit,6")) << report;
    EXPECT_TRUE(has_line(report, "first_visits,forening-a,share of first visits,55 %")) << report;
}

TEST_F(Stats, CsvHasOneHeaderAndFourFieldsPerLine)
{
    add_checkins("forening-a", "promenad", 7);
    const std::string report = csv();
    std::istringstream lines(report);
    std::string line;
    ASSERT_TRUE(std::getline(lines, line));
    EXPECT_EQ(line, "table,row,column,value");
    int count = 0;
    while (std::getline(lines, line)) {
        ++count;
        EXPECT_EQ(std::count(line.begin(), line.end(), ','), 3) << line;
    }
    EXPECT_GT(count, 10);
}

TEST_F(Stats, TheTableNamesTheRuleAndNeverTheSmallNumber)
{
    add_checkins("forening-a", "promenad", 3);
    auto report = render_stats(*store, StatsOptions{});
    ASSERT_TRUE(report.ok());
    EXPECT_NE(report.value().find("Check-ins per association and activity, per ISO week"), std::string::npos);
    EXPECT_NE(report.value().find("<5"), std::string::npos);
    EXPECT_EQ(report.value().find(" 3\n"), std::string::npos) << report.value();
}

TEST_F(Stats, ContactRequestReplyTimesNeedFiveHandled)
{
    // Five handled an hour after arrival give a median; five more stay open (an open count under 5
    // next to a published total would hide the handled count instead).
    std::vector<protocol::WireEvent> events;
    for (int i = 0; i < 10; ++i) {
        protocol::WireEvent event;
        event.id = make_uuid_v4();
        event.kind = protocol::WireKind::contact_request;
        event.created_at = k_now - 60;
        event.clock_synchronised = true;
        event.organisation_id = "forening-a";
        event.receipt_code = make_receipt_code();
        event.sealed.assign(crypto_box_SEALBYTES + 8, 1);
        events.push_back(event);
    }
    ASSERT_EQ(send(signed_batch(batch_of(events))).status, 200);
    for (std::size_t i = 0; i < 5; ++i)
        ASSERT_TRUE(store->mark_handled(events[i].id, k_now + 3600).ok());
    const std::string report = csv();
    EXPECT_TRUE(has_line(report, "contact_requests,forening-a,handled,5")) << report;
    EXPECT_TRUE(has_line(report, "contact_requests,forening-a,median reply time,60 min")) << report;
    EXPECT_TRUE(has_line(report, "contact_requests,forening-a,open,5")) << report;
    EXPECT_TRUE(has_line(report, "contact_requests,*,received,10")) << report;
}

TEST_F(Stats, OutcomesAndReplySpeedComeFromTheOfficeAndShareTheRequestCounts)
{
    std::vector<protocol::WireEvent> events;
    for (int i = 0; i < 10; ++i) {
        protocol::WireEvent event;
        event.id = make_uuid_v4();
        event.kind = protocol::WireKind::contact_request;
        event.created_at = k_now - 60;
        event.clock_synchronised = true;
        event.organisation_id = "forening-a";
        event.receipt_code = make_receipt_code();
        event.sealed.assign(crypto_box_SEALBYTES + 8, 1);
        events.push_back(event);
    }
    ASSERT_EQ(send(signed_batch(batch_of(events))).status, 200);
    office::OfficeStore office_store(*store);
    auto user = office_store.add_user(office::NewUser{"anna@a.example", "Anna", office::Role::association, "forening-a"}, k_now);
    ASSERT_TRUE(user.ok()) << user.error().text();
    for (std::size_t i = 0; i < 6; ++i)
        ASSERT_TRUE(office_store.set_outcome(events[i].id, office::Outcome::contacted, "", user.value(), k_now + 3600).ok());
    const std::string report = csv();
    EXPECT_TRUE(has_line(report, "contact_outcomes,forening-a,contacted,6")) << report;
    EXPECT_TRUE(has_line(report, "contact_outcomes,forening-a,met,<5")) << report;
    EXPECT_TRUE(has_line(report, "contact_outcomes,forening-a,received,10")) << report;
    EXPECT_TRUE(has_line(report, "reply_times,within 1 day,requests,6")) << report;
    EXPECT_TRUE(has_line(report, "reply_times,over 7 days,requests,<5")) << report;
    EXPECT_TRUE(has_line(report, "reply_times,*,requests,10")) << report;
    // 4 open is under 5, so the handled count beside it (received − open) is hidden too ("x").
    EXPECT_TRUE(has_line(report, "contact_requests,forening-a,open,<5")) << report;
    EXPECT_TRUE(has_line(report, "contact_requests,forening-a,handled,x")) << report;
    EXPECT_TRUE(has_line(report, "contact_outcomes,forening-a,open,<5")) << report;
}

TEST_F(Stats, PerSiteTableAndOneTableOnlyAndAnUnknownTableNamed)
{
    add_checkins("forening-a", "promenad", 7);
    StatsOptions options;
    options.csv = true;
    options.table = "checkins_per_site";
    auto one = render_stats(*store, options);
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one.value(), "table,row,column,value\ncheckins_per_site,Halmstad bibliotek,2025-W47,7\n"
                           "checkins_per_site,Halmstad bibliotek,total,7\ncheckins_per_site,*,2025-W47,7\n"
                           "checkins_per_site,*,total,7\n");
    options.table = "nope";
    auto unknown = render_stats(*store, options);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().text().find("\"nope\""), std::string::npos);
    EXPECT_NE(unknown.error().text().find("checkins_per_site"), std::string::npos);
}

}  // namespace
}  // namespace lotsen::hub::test
