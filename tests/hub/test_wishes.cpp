// What visitors miss at the hub (issue 20): a "missed" event is stored once (dedupe, a held kind is
// deferred), counted per site with k >= 5 — no count under 5 is ever shown or exported, and a total
// cannot give one away — in `lotsen-hub stats`' tables and on the office's /wishes page, where the
// region sees every wish and an association user those about its own interests; every text escaped.
#include "tests/hub/hub_test_support.hpp"
#include "tests/hub/office_test_support.hpp"

#include "hub/office/credentials.hpp"
#include "hub/office/web.hpp"
#include "hub/stats.hpp"
#include "hub/wishes.hpp"

#include <sqlite3.h>

#include <regex>

namespace lotsen::hub::test {
namespace {

using namespace lotsen::hub::office;

constexpr UnixSeconds k_day = 86400;

protocol::WireEvent wish(const std::string& interest, const std::string& weekday = "", const std::string& day_part = "",
                         const std::string& language = "", UnixSeconds created_at = k_now - 600)
{
    protocol::WireEvent event;
    event.id = make_uuid_v4();
    event.kind = protocol::WireKind::missed;
    event.created_at = created_at;
    event.clock_synchronised = true;
    nlohmann::json data = nlohmann::json::object();
    if (!interest.empty())
        data["interest"] = interest;
    if (!weekday.empty())
        data["weekday"] = weekday;
    if (!day_part.empty())
        data["day_part"] = day_part;
    if (!language.empty())
        data["language"] = language;
    event.data = data.dump();
    return event;
}

std::vector<protocol::WireEvent> wishes(int count, const std::string& interest, const std::string& weekday = "",
                                        const std::string& day_part = "", const std::string& language = "")
{
    std::vector<protocol::WireEvent> events;
    for (int i = 0; i < count; ++i)
        events.push_back(wish(interest, weekday, day_part, language));
    return events;
}

// The published cell of `table` at row `site` and column `value`.
std::string cell(const std::vector<StatsTable>& tables, const std::string& table, const std::string& site,
                 const std::string& value)
{
    for (const StatsTable& t : tables) {
        if (t.id != table)
            continue;
        const auto column = std::find(t.columns.begin(), t.columns.end(), value);
        if (column == t.columns.end())
            return "(no column " + value + ")";
        for (const StatsRow& row : t.rows) {
            if (row.key == site)
                return row.shown[static_cast<std::size_t>(column - t.columns.begin())];
        }
        return "(no row " + site + ")";
    }
    return "(no table " + table + ")";
}

class Wishes : public HubFixture {
protected:
    void SetUp() override
    {
        HubFixture::SetUp();
        varberg = protocol::generate_signing_key_pair();
        ASSERT_TRUE(store->enroll_kiosk(protocol::to_base64(varberg.public_key), "Varberg <bibliotek>", "", k_now - k_day).ok());
    }

    void send_from(const protocol::SigningKeyPair& keys, std::vector<protocol::WireEvent> events)
    {
        const IngestResponse response = send(signed_body(protocol::encode_batch(batch_of(std::move(events))), k_now, &keys));
        ASSERT_EQ(response.status, 200) << response.body;
        EXPECT_EQ(response.rejected, 0u) << response.body;
        EXPECT_EQ(response.deferred, 0u) << response.body;
    }

    std::vector<StatsTable> count(std::optional<std::set<std::string>> interests = std::nullopt)
    {
        WishQuery query;
        query.from = k_now - 30 * k_day;
        query.to = k_now + 1;
        query.interests = std::move(interests);
        auto tables = compute_wishes(*store, query);
        EXPECT_TRUE(tables.ok()) << tables.error().text();
        return tables.ok() ? tables.value() : std::vector<StatsTable>{};
    }

    std::int64_t stored_wishes()
    {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(store->connection(), "SELECT count(*) FROM wishes", -1, &stmt, nullptr), SQLITE_OK);
        EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
        const std::int64_t n = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return n;
    }

    protocol::SigningKeyPair varberg;
};

TEST_F(Wishes, AWishIsStoredOnceWithWhatItNames)
{
    const protocol::Batch batch = batch_of({wish("music", "sat", "evening", "ar")});
    const IngestResponse first = send(signed_batch(batch));
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(first.accepted, 1u);
    // The kiosk never heard the reply and sends it again, signed anew: stored once.
    const IngestResponse again = send(signed_batch(batch, k_now + 1), k_now + 1);
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(again.duplicate, 1u);
    EXPECT_EQ(stored_wishes(), 1);
    const auto tables = count();
    ASSERT_EQ(tables.size(), 4u);
    EXPECT_EQ(tables[0].id, "wishes_interest");
    EXPECT_EQ(cell(tables, "wishes_interest", "Halmstad bibliotek", "music"), "<5");
    EXPECT_EQ(cell(tables, "wishes_language", "*", "ar"), "<5");
}

TEST_F(Wishes, AHeldKindIsDeferredAndNothingStored)
{
    IngestOptions options;
    options.held_kinds = {protocol::WireKind::missed};
    const IngestResponse response = send(signed_batch(batch_of({wish("music")})), k_now, options);
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.deferred, 1u);
    EXPECT_NE(response.body.find("this hub takes no missed events for now"), std::string::npos) << response.body;
    EXPECT_EQ(stored_wishes(), 0);
}

TEST_F(Wishes, ACountIsShownFromFiveAndNeverBelow)
{
    send_from(kiosk, wishes(4, "music", "sat"));
    auto tables = count();
    EXPECT_EQ(cell(tables, "wishes_interest", "Halmstad bibliotek", "music"), "<5");
    EXPECT_EQ(cell(tables, "wishes_interest", "*", "total"), "<5");
    EXPECT_EQ(cell(tables, "wishes_weekday", "*", "sat"), "<5");
    EXPECT_EQ(cell(tables, "wishes_weekday", "*", "mon"), "<5") << "0 is under 5 too: no column tells nobody from few";
    send_from(kiosk, wishes(1, "music", "sat"));
    tables = count();
    EXPECT_EQ(cell(tables, "wishes_interest", "Halmstad bibliotek", "music"), "5");
    EXPECT_EQ(cell(tables, "wishes_interest", "*", "music"), "5");
    EXPECT_EQ(cell(tables, "wishes_weekday", "Halmstad bibliotek", "sat"), "5");
    // A wish counts in the tables whose question it answers only.
    EXPECT_EQ(cell(tables, "wishes_day_part", "*", "total"), "<5");
}

TEST_F(Wishes, ATotalCannotGiveASmallCountAway)
{
    send_from(kiosk, wishes(6, "music"));
    send_from(varberg, wishes(3, "music"));
    const auto tables = count();
    EXPECT_EQ(cell(tables, "wishes_interest", "Varberg <bibliotek>", "music"), "<5");
    // 9 in all is published, so Halmstad's 6 would give Varberg's 3 away: hidden too.
    EXPECT_EQ(cell(tables, "wishes_interest", "*", "music"), "9");
    EXPECT_EQ(cell(tables, "wishes_interest", "Halmstad bibliotek", "music"), "x");
    EXPECT_EQ(cell(tables, "wishes_interest", "Halmstad bibliotek", "total"), "x");
    for (const StatsTable& table : tables) {
        for (const StatsRow& row : table.rows) {
            for (const std::string& shown : row.shown)
                EXPECT_TRUE(shown == "<5" || shown == "x" || std::stoi(shown) >= 5) << table.id << " " << row.key << " " << shown;
        }
    }
}

TEST_F(Wishes, StatsCommandTablesAndCsvKeepTheRule)
{
    send_from(kiosk, wishes(5, "music", "", "evening"));
    send_from(kiosk, wishes(2, "outdoors", "", "evening"));
    StatsOptions options;
    options.csv = true;
    options.table = "wishes_interest";
    auto one = render_stats(*store, options);
    ASSERT_TRUE(one.ok()) << one.error().text();
    EXPECT_NE(one.value().find("wishes_interest,Halmstad bibliotek,music,5\n"), std::string::npos) << one.value();
    EXPECT_NE(one.value().find("wishes_interest,Halmstad bibliotek,outdoors,<5\n"), std::string::npos) << one.value();
    EXPECT_EQ(one.value().find(",2\n"), std::string::npos) << one.value();
    EXPECT_EQ(one.value().find("checkins_per_site"), std::string::npos) << "one table only";
    options.table.clear();
    auto all = render_stats(*store, options);
    ASSERT_TRUE(all.ok()) << all.error().text();
    EXPECT_NE(all.value().find("wishes_day_part,Halmstad bibliotek,evening,7\n"), std::string::npos) << all.value();
    EXPECT_EQ(all.value().rfind("table,row,column,value\n", 0), 0u) << "one header, the other tables' lines first";
    options.table = "wishes_nope";
    auto unknown = render_stats(*store, options);
    ASSERT_FALSE(unknown.ok());
    EXPECT_NE(unknown.error().text().find("wishes_language"), std::string::npos) << unknown.error().text();
}

// ---------------------------------------------------------------------------------------------
// The office's page

const std::string k_password = "a long enough password";
constexpr UnixSeconds k_office_now = k_now + 40 * k_day;  // 2025-12-29: November is a completed month

class WishesPage : public Wishes {
protected:
    void SetUp() override
    {
        Wishes::SetUp();
        // forening-a runs music; forening-b outdoors. 5 music and 6 outdoors wishes on Saturdays,
        // 3 cooking on Mondays, at the Halmstad kiosk; 2 mornings in Varberg.
        send_from(kiosk, wishes(5, "music", "sat", "evening", "ar"));
        send_from(kiosk, wishes(6, "outdoors", "sat"));
        send_from(kiosk, wishes(3, "cooking", "mon"));
        send_from(varberg, wishes(2, "", "", "morning"));  // only a part of the day, at the other site
        Catalogue catalogue;
        catalogue.interests = default_interests();
        for (const auto& [organisation, interest] : {std::pair<std::string, std::string>{"forening-a", "music"},
                                                     std::pair<std::string, std::string>{"forening-b", "outdoors"}}) {
            Organisation org;
            org.id = organisation;
            org.name.set("sv", organisation);
            catalogue.organisations.push_back(org);
            Activity activity;
            activity.id = organisation + "-aktivitet";
            activity.organisation_id = organisation;
            activity.title.set("sv", "Aktivitet");
            activity.interests = {interest};
            catalogue.activities.push_back(activity);
        }
        OfficeSetup setup;
        setup.settings.base_url = "http://office.test";
        crypto_box_keypair(setup.seal_keys.public_key.data(), setup.seal_keys.secret_key.data());
        setup.catalogue = catalogue;
        setup.clock = [] { return k_office_now; };
        office = std::make_unique<Office>(std::move(store), std::move(setup));
        add_user("rut@region.example", Role::region, "");
        add_user("anna@a.example", Role::association, "forening-a");
        add_user("cai@c.example", Role::association, "forening-c");  // no activities in the catalogue
    }

    void add_user(const std::string& email, Role role, const std::string& organisation)
    {
        auto id = office->store().add_user(NewUser{email, "Name of " + email, role, organisation}, k_now);
        ASSERT_TRUE(id.ok()) << id.error().text();
        const std::string token = random_token();
        ASSERT_TRUE(office->store().add_invitation(token_hash(token), id.value(), k_office_now, k_office_now + k_day).ok());
        Browser browser(office.get());
        const WebResponse page = browser.get("/invite/" + token);
        ASSERT_EQ(browser.post("/invite/" + token, "csrf=" + Browser::csrf_of(page.body) + "&password="
                                                        + percent_encode(k_password) + "&password2=" + percent_encode(k_password))
                      .status,
                  303);
    }

    Browser logged_in(const std::string& email)
    {
        Browser browser(office.get());
        const WebResponse page = browser.get("/login");
        EXPECT_EQ(browser.post("/login", "csrf=" + Browser::csrf_of(page.body) + "&email=" + percent_encode(email)
                                             + "&password=" + percent_encode(k_password))
                      .status,
                  303);
        return browser;
    }

    std::unique_ptr<Office> office;
};

// The text of the table cell in row `row_label` under column header `column_label` of the table with
// caption id `table` (the page's own markup: <th> headers, then <td> cells).
std::string page_cell(const std::string& page, const std::string& table, const std::string& row_label,
                      const std::string& column_label)
{
    const std::size_t start = page.find("<caption id=\"caption-" + table + "\">");
    if (start == std::string::npos)
        return "(no table)";
    const std::size_t end = page.find("</table>", start);
    const std::string body = page.substr(start, end - start);
    std::vector<std::string> headers;
    const std::regex header(R"(<th scope="col">([^<]*)</th>)");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), header); it != std::sregex_iterator(); ++it)
        headers.push_back((*it)[1]);
    const auto column = std::find(headers.begin(), headers.end(), column_label);
    if (column == headers.end())
        return "(no column)";
    const std::size_t row = body.find("<tr><th scope=\"row\">" + row_label + "</th>");
    if (row == std::string::npos)
        return "(no row)";
    std::string rest = body.substr(row, body.find("</tr>", row) - row);
    std::vector<std::string> cells;
    const std::regex data(R"(<td>([^<]*)</td>)");
    for (auto it = std::sregex_iterator(rest.begin(), rest.end(), data); it != std::sregex_iterator(); ++it)
        cells.push_back((*it)[1]);
    const auto index = static_cast<std::size_t>(column - headers.begin()) - 1;  // the first header names the rows
    return index < cells.size() ? cells[index] : "(no cell)";
}

TEST_F(WishesPage, TheRegionSeesEveryWishPerSiteFromFiveOn)
{
    Browser rut = logged_in("rut@region.example");
    const WebResponse page = rut.get("/wishes");
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string& body = page.body;
    EXPECT_NE(body.find("href=\"/wishes\""), std::string::npos) << "in the region's navigation";
    EXPECT_EQ(page_cell(body, "wishes_interest", "Halmstad bibliotek", "Music"), "5") << body;
    EXPECT_EQ(page_cell(body, "wishes_interest", "Halmstad bibliotek", "Outdoors"), "6");
    EXPECT_EQ(page_cell(body, "wishes_interest", "Halmstad bibliotek", "Cooking"), "&lt;5");  // as the page writes it
    EXPECT_EQ(page_cell(body, "wishes_weekday", "Every site", "Saturday"), "11");
    EXPECT_EQ(page_cell(body, "wishes_language", "Every site", "Arabic (ar)"), "5");
    // Halmstad's 5 evenings are shown; Varberg's 2 mornings are not, and the evenings in all are hidden
    // beside Halmstad's 5 (with Varberg's 0 evenings "<5", the two would tell it was none).
    EXPECT_EQ(page_cell(body, "wishes_day_part", "Halmstad bibliotek", "evening"), "5");
    EXPECT_EQ(page_cell(body, "wishes_day_part", "Varberg &lt;bibliotek&gt;", "morning"), "&lt;5");
    EXPECT_EQ(page_cell(body, "wishes_day_part", "Every site", "evening"), "x");
    // The site a kiosk was enrolled at is text from a person: escaped.
    EXPECT_NE(body.find("Varberg &lt;bibliotek&gt;"), std::string::npos);
    EXPECT_EQ(body.find("Varberg <bibliotek>"), std::string::npos);
    EXPECT_EQ(body.find(">3<"), std::string::npos) << "the 3 cooking wishes are never a number";
    EXPECT_NE(body.find("<h1>What visitors miss 2025-11</h1>"), std::string::npos) << "the last completed month";
    // A completed month of the last 24 only, as /stats: the current one (still growing) and anything
    // else is said and refused; October had no wishes.
    const WebResponse october = rut.get("/wishes?month=2025-10");
    EXPECT_EQ(october.status, 200);
    EXPECT_EQ(page_cell(october.body, "wishes_interest", "Halmstad bibliotek", "Music"), "(no row)");
    for (const char* month : {"2025-12", "2023-10", "november"}) {
        const WebResponse odd = rut.get(std::string("/wishes?month=") + month);
        EXPECT_EQ(odd.status, 400) << month;
        EXPECT_NE(odd.body.find("Choose a completed month from the list."), std::string::npos) << month;
    }
    EXPECT_EQ(Browser(office.get()).get("/wishes").status, 303) << "signed out: to the login";
}

TEST_F(WishesPage, AnAssociationSeesTheWishesAboutItsOwnInterests)
{
    Browser anna = logged_in("anna@a.example");
    const WebResponse page = anna.get("/wishes");
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string& body = page.body;
    EXPECT_NE(body.find("interests: Music.</p>"), std::string::npos) << body;
    EXPECT_EQ(page_cell(body, "wishes_interest", "Halmstad bibliotek", "Music"), "5");
    EXPECT_EQ(page_cell(body, "wishes_interest", "Halmstad bibliotek", "Outdoors"), "(no column)");
    // Saturday counts the music wishes only, not forening-b's outdoors ones.
    EXPECT_EQ(page_cell(body, "wishes_weekday", "Every site", "Saturday"), "5");
    EXPECT_EQ(body.find("href=\"/fleet\""), std::string::npos) << "no region navigation";
    EXPECT_NE(body.find("href=\"/wishes\""), std::string::npos);

    Browser cai = logged_in("cai@c.example");
    const WebResponse none = cai.get("/wishes");
    ASSERT_EQ(none.status, 200);
    EXPECT_NE(none.body.find("no activities with interests in the published catalogue"), std::string::npos);
    EXPECT_EQ(none.body.find("<table>"), std::string::npos);
}

}  // namespace
}  // namespace lotsen::hub::test
