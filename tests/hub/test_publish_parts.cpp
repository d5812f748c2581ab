// test_publish_parts.cpp — the region catalogue as the associations' parts (issue 20): a spreadsheet
// replaces only its association's part and every other part stays; what changed is told per
// association; rows for another association, an activity id another association has, and a whole
// catalogue that would drop an association are refused with nothing written; the parts are kept in
// published/sources/, and taken anew from the published catalogue when sources/ is behind it.
#include "tests/hub/publish_test_support.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/wire/manifest.hpp"
#include "hub/catalogue_parts.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace lotsen::hub::test {
namespace {

using manifest::Kind;

// A spreadsheet of association `association` with the activities `ids` (each weekly on Tuesdays).
std::string sheet(const std::string& association, const std::vector<std::string>& ids, const std::string& title = "Träff")
{
    std::string text = "Aktivitets-id;Förenings-id;Förening;Kommun;Aktivitet;Intressen;Dag;Tid;Från;Till;Adress;Ort\n";
    for (const std::string& id : ids)
        text += id + ";" + association + ";Föreningen " + association + ";Halmstad;" + title + ";samtal;tis;18-20;"
                "2026-08-01;2027-06-30;Storgatan 1;Halmstad\n";
    return text;
}

class PublishParts : public PublishFixture {
protected:
    Result<PublishOutcome> publish(const std::string& path, const PublishOptions& with)
    {
        return publish_file(Kind::catalogue, path, publisher, with);
    }

    Result<PublishOutcome> publish(const std::string& path) { return publish(path, options()); }

    PublishOutcome expect_published(const std::string& path, const PublishOptions& with)
    {
        auto done = publish(path, with);
        EXPECT_TRUE(done.ok()) << done.error().text();
        return done.ok() ? done.value() : PublishOutcome{};
    }

    PublishOutcome expect_published(const std::string& path) { return expect_published(path, options()); }

    Catalogue published_catalogue()
    {
        auto verified = manifest::verify(read_text(manifest_path()), publisher.public_key);
        EXPECT_TRUE(verified.ok());
        const CatalogueParseResult parsed =
            parse_catalogue_json(read_text(published() + "/files/" + verified.value().catalogue->file));
        EXPECT_TRUE(parsed.ok()) << parsed.summary();
        return parsed.ok() ? *parsed.catalogue : Catalogue{};
    }

    static std::vector<std::string> activity_ids(const Catalogue& catalogue)
    {
        std::vector<std::string> ids;
        for (const Activity& activity : catalogue.activities)
            ids.push_back(activity.organisation_id + "/" + activity.id);
        return ids;
    }

    static const AssociationChange* change_of(const PublishOutcome& outcome, const std::string& association)
    {
        for (const AssociationChange& change : outcome.changes) {
            if (change.association == association)
                return &change;
        }
        return nullptr;
    }
};

TEST_F(PublishParts, TwoAssociationsPublishSeparatelyAndBothStay)
{
    const PublishOutcome first = expect_published(source("stickcafe.csv", sheet("stickcafe", {"stickcafe-tis"})));
    ASSERT_EQ(first.changes.size(), 1u);
    EXPECT_EQ(first.changes[0].kind, AssociationChange::Kind::added);

    const PublishOutcome second =
        expect_published(source("schack.csv", sheet("schack", {"schack-tis", "schack-ons"})));
    EXPECT_EQ(activity_ids(published_catalogue()),
              (std::vector<std::string>{"stickcafe/stickcafe-tis", "schack/schack-tis", "schack/schack-ons"}));
    EXPECT_EQ(published_catalogue().version, 2);
    ASSERT_NE(change_of(second, "stickcafe"), nullptr);
    EXPECT_EQ(change_of(second, "stickcafe")->kind, AssociationChange::Kind::untouched);
    ASSERT_NE(change_of(second, "schack"), nullptr);
    EXPECT_EQ(change_of(second, "schack")->kind, AssociationChange::Kind::added);
    EXPECT_EQ(render_changes(second.changes),
              "association \"schack\": new, 2 activities (\"schack-tis\", \"schack-ons\")\nuntouched: \"stickcafe\"\n");

    // sources/ holds each part and names the catalogue version they make up.
    const nlohmann::json index = nlohmann::json::parse(read_text(published() + "/sources/index.json"));
    EXPECT_EQ(index["catalogue_version"], 2);
    ASSERT_EQ(index["parts"].size(), 2u);
    EXPECT_EQ(index["parts"][0]["association"], "stickcafe");
    EXPECT_EQ(index["parts"][0]["set_in_version"], 1);
    EXPECT_EQ(index["parts"][1]["from"], "schack.csv");
    const CatalogueParseResult part = parse_catalogue_json(read_text(published() + "/sources/schack.json"));
    ASSERT_TRUE(part.ok()) << part.summary();
    EXPECT_EQ(part.catalogue->activities.size(), 2u);
}

TEST_F(PublishParts, RepublishingOneAssociationSaysWhatChangedAndKeepsTheOthers)
{
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis", "stickcafe-lor"})));
    expect_published(source("b.csv", sheet("schack", {"schack-tis"})));
    const Catalogue before = published_catalogue();

    std::string again = sheet("stickcafe", {"stickcafe-tis"}, "Stickcafé") + sheet("stickcafe", {"stickcafe-ons"}).substr(
                            sheet("stickcafe", {}).size());
    const PublishOutcome outcome = expect_published(source("a2.csv", again));
    const AssociationChange* stickcafe = change_of(outcome, "stickcafe");
    ASSERT_NE(stickcafe, nullptr);
    EXPECT_EQ(stickcafe->kind, AssociationChange::Kind::changed);
    EXPECT_EQ(stickcafe->added, std::vector<std::string>{"stickcafe-ons"});
    EXPECT_EQ(stickcafe->changed, std::vector<std::string>{"stickcafe-tis"});
    EXPECT_EQ(stickcafe->removed, std::vector<std::string>{"stickcafe-lor"});
    EXPECT_EQ(render_changes(outcome.changes),
              "association \"stickcafe\": 1 added (\"stickcafe-ons\"), 1 changed (\"stickcafe-tis\"), 1 removed "
              "(\"stickcafe-lor\"); 2 activities now\nuntouched: \"schack\"\n");
    const Catalogue after = published_catalogue();
    EXPECT_EQ(after.activities.back(), before.activities.back());  // schack's, as it was
    EXPECT_EQ(*after.find_organisation("schack"), *before.find_organisation("schack"));
}

TEST_F(PublishParts, RowsForAnotherAssociationAreRefusedAndNothingIsWritten)
{
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})));
    const auto before = snapshot(data_dir);
    const std::string both = sheet("stickcafe", {"stickcafe-ons"}) + sheet("schack", {"schack-tis"}).substr(
                                 sheet("schack", {}).size());
    auto refused = publish(source("both.csv", both));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("row 3, column 'förenings-id': \"schack\" is another association, but row 2 "
                                          "names association \"stickcafe\""),
              std::string::npos)
        << refused.error().text();
    EXPECT_EQ(snapshot(data_dir), before);

    PublishOptions named = options();
    named.association = "schack";
    auto wrong = publish(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})), named);
    ASSERT_FALSE(wrong.ok());
    EXPECT_NE(wrong.error().text().find("row 2, column 'förenings-id': \"stickcafe\" is another association, but the "
                                        "spreadsheet is published as association \"schack\""),
              std::string::npos)
        << wrong.error().text();
    EXPECT_EQ(snapshot(data_dir), before);
}

TEST_F(PublishParts, AnActivityIdAnotherAssociationHasIsRefused)
{
    expect_published(source("a.csv", sheet("stickcafe", {"tisdag"})));
    const auto before = snapshot(data_dir);
    auto refused = publish(source("b.csv", sheet("schack", {"onsdag", "tisdag"})));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("row 3, column 'id': \"tisdag\" is already the id of an activity of "
                                          "association \"stickcafe\"; activity ids are unique in the region, so start "
                                          "yours with your association's id, like \"schack-tisdag\""),
              std::string::npos)
        << refused.error().text();
    EXPECT_EQ(snapshot(data_dir), before);
    // The association that has the id may publish it again.
    expect_published(source("a.csv", sheet("stickcafe", {"tisdag"}, "Ny titel")));
}

TEST_F(PublishParts, AWholeCatalogueMayDropAnAssociationOnlyWhenTold)
{
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})));
    expect_published(source("b.csv", sheet("org", {"org-tis"})));
    const auto before = snapshot(data_dir);
    // catalogue_json() holds organisation "org" only: stickcafe would go.
    auto refused = publish(source("region.json", catalogue_json(10)));
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("would remove association(s) \"stickcafe\" (1 activity) from every kiosk"),
              std::string::npos)
        << refused.error().text();
    EXPECT_EQ(snapshot(data_dir), before);

    PublishOptions allowed = options();
    allowed.allow_removing_associations = {"stickcafe"};
    const PublishOutcome outcome = expect_published(source("region.json", catalogue_json(10)), allowed);
    ASSERT_NE(change_of(outcome, "stickcafe"), nullptr);
    EXPECT_EQ(change_of(outcome, "stickcafe")->kind, AssociationChange::Kind::removed);
    EXPECT_EQ(change_of(outcome, "org")->kind, AssociationChange::Kind::changed);
    EXPECT_EQ(activity_ids(published_catalogue()), std::vector<std::string>{"org/walk"});
    EXPECT_FALSE(std::filesystem::exists(published() + "/sources/stickcafe.json"));
    EXPECT_TRUE(std::filesystem::exists(published() + "/sources/org.json"));
}

TEST_F(PublishParts, AJsonFileWithTheAssociationGivenIsThatPartAlone)
{
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})));
    PublishOptions named = options();
    named.association = "org";
    const PublishOutcome outcome = expect_published(source("org.json", catalogue_json(1)), named);
    EXPECT_EQ(change_of(outcome, "stickcafe")->kind, AssociationChange::Kind::untouched);
    EXPECT_EQ(activity_ids(published_catalogue()), (std::vector<std::string>{"stickcafe/stickcafe-tis", "org/walk"}));
    EXPECT_EQ(published_catalogue().version, 2);  // the part's own version is not the catalogue's

    named.association = "someone-else";
    auto refused = publish(source("org.json", catalogue_json(1)), named);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().text().find("a part is one association's"), std::string::npos) << refused.error().text();
}

TEST_F(PublishParts, SourcesBehindThePublishedCatalogueAreTakenAnewFromIt)
{
    expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-tis"})));
    expect_published(source("b.csv", sheet("schack", {"schack-tis"})));
    // As an interrupted publish leaves it: the manifest is new, sources/ is not.
    std::filesystem::remove(published() + "/sources/schack.json");
    write_text(published() + "/sources/index.json",
               R"({"format": "lotsen-catalogue-sources", "format_version": 1, "catalogue_version": 1,
                   "parts": [{"association": "stickcafe"}]})");
    const PublishOutcome outcome = expect_published(source("a.csv", sheet("stickcafe", {"stickcafe-ons"})));
    ASSERT_EQ(outcome.notes.size(), 1u);
    EXPECT_NE(outcome.notes[0].find("sources/ holds the parts of catalogue version 1, not of the published version"),
              std::string::npos)
        << outcome.notes[0];
    EXPECT_EQ(activity_ids(published_catalogue()),
              (std::vector<std::string>{"stickcafe/stickcafe-ons", "schack/schack-tis"}));
    EXPECT_TRUE(std::filesystem::exists(published() + "/sources/schack.json"));
    EXPECT_EQ(nlohmann::json::parse(read_text(published() + "/sources/index.json"))["catalogue_version"], 3);
}

TEST_F(PublishParts, AWindows1252SpreadsheetIsSaidToBeReadAsSuch)
{
    const std::string latin = "Aktivitets-id;F\xF6renings-id;F\xF6rening;Kommun;Aktivitet;Intressen;Datum;Adress;Ort\n"
                              "julmarknad;stickcafe;Stickcaf\xE9" "et;Varberg;Julmarknad;handarbete;2026-12-05 10-14;"
                              "Torget 2;Varberg\n";
    const PublishOutcome outcome = expect_published(source("latin.csv", latin));
    ASSERT_EQ(outcome.notes.size(), 1u);
    EXPECT_NE(outcome.notes[0].find("latin.csv: read as Windows-1252"), std::string::npos) << outcome.notes[0];
    EXPECT_EQ(published_catalogue().organisations.at(0).name.get("sv"), "Stickcaféet");
}

}  // namespace
}  // namespace lotsen::hub::test
