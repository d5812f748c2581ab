// A picture from the office's form to the kiosk (issue 20): the office — in this process, over the
// hub's own hub.db and data directory, publishing with the publisher key `lotsen-hub keygen` made —
// takes an association's activity form with a picture as a browser sends it (multipart/form-data);
// the region approves it; the real `lotsen-hub serve` on loopback serves what that published; the
// kiosk's Updater takes the new catalogue, fetches the picture by its SHA-256 and keeps it verified.
// (The office runs in-process because the test needs its forms, not its socket: the socket is the
// browser test's, tests/browser/test_pictures.py.)
#include "tests/integration/hub_kiosk_fixture.hpp"

#include "core/catalogue/catalogue_json.hpp"
#include "core/image/image_cache.hpp"
#include "core/image/image_refs.hpp"
#include "core/wire/manifest.hpp"
#include "hub/export/published_catalogue.hpp"
#include "hub/keys.hpp"
#include "hub/office/credentials.hpp"
#include "hub/office/office.hpp"
#include "hub/office/web.hpp"
#include "tests/common/files.hpp"
#include "tests/common/test_images.hpp"
#include "tests/hub/office_test_support.hpp"

#include <gtest/gtest.h>

#include <sodium.h>

#include <ctime>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;
using namespace lotsen;
using namespace lotsen::testing;
using lotsen::hub::test::Browser;
using namespace lotsen::hub::office;

namespace {

const char* const k_catalogue = R"({
  "format": "lotsen-catalogue", "format_version": 1, "version": 1,
  "organisations": [{"id": "stickcafe", "name": {"sv": "Stickcaféet"}, "municipality": "Halmstad"}],
  "activities": [
    {"id": "stickcafe-stickning", "organisation": "stickcafe", "title": {"sv": "Stickning"}, "interests": ["crafts"],
     "schedule": {"weekly": [{"day": "tue", "start": "18:00", "end": "20:00", "from": "2026-01-01", "until": "2028-12-31"}]},
     "place": {"address": "Storgatan 1", "town": "Halmstad"}}]
})";

const std::string k_boundary = "----LotsenIntegrationBoundary";

class OfficePictureTest : public HubKioskTest {
protected:
    std::string root_prefix() const override { return "lotsen-office-pictures-"; }

    void SetUp() override
    {
        HubKioskTest::SetUp();
        if (HasFatalFailure())
            return;
        write_file(m_root / "region.json", k_catalogue);
        const CommandResult published = publish_file("catalogue", m_root / "region.json");
        ASSERT_EQ(published.exit_code, 0) << published.output;
        auto store = hub::HubStore::open((m_hub_dir / "hub.db").string());
        ASSERT_TRUE(store.ok()) << store.error().text();
        OfficeSetup setup;
        setup.settings.base_url = "http://office.test";
        crypto_box_keypair(setup.seal_keys.public_key.data(), setup.seal_keys.secret_key.data());
        setup.clock = [] { return static_cast<UnixSeconds>(std::time(nullptr)); };
        setup.data_dir = m_hub_dir.string();
        auto publisher = hub::load_publisher_key((keys_dir() / "publisher.key").string());
        ASSERT_TRUE(publisher.ok()) << publisher.error().text();
        setup.publisher = publisher.value();
        auto catalogue = hub::read_published_catalogue((m_hub_dir / "published").string());
        ASSERT_TRUE(catalogue.ok()) << catalogue.error().text();
        setup.catalogue = catalogue.value();
        m_office = std::make_unique<Office>(std::move(store.value()), std::move(setup));
        add_user("rut@region.example", Role::region, "");
        add_user("anna@stickcafe.example", Role::association, "stickcafe");
    }

    void TearDown() override
    {
        m_office.reset();
        HubKioskTest::TearDown();
    }

    void add_user(const std::string& email, Role role, const std::string& organisation)
    {
        const UnixSeconds now = static_cast<UnixSeconds>(std::time(nullptr));
        auto id = m_office->store().add_user(NewUser{email, email, role, organisation}, now);
        ASSERT_TRUE(id.ok()) << id.error().text();
        const std::string token = random_token();
        ASSERT_TRUE(m_office->store().add_invitation(token_hash(token), id.value(), now, now + 86400).ok());
        Browser browser(m_office.get());
        const auto page = browser.get("/invite/" + token);
        ASSERT_EQ(browser.post("/invite/" + token, "csrf=" + Browser::csrf_of(page.body) + "&password=" + percent_encode(password(email)) +
                                                       "&password2=" + percent_encode(password(email)))
                      .status,
                  303);
    }

    static std::string password(const std::string& email) { return "the long password of " + email; }

    Browser logged_in(const std::string& email)
    {
        Browser browser(m_office.get());
        const auto page = browser.get("/login");
        EXPECT_EQ(browser.post("/login", "csrf=" + Browser::csrf_of(page.body) + "&email=" + percent_encode(email) +
                                             "&password=" + percent_encode(password(email)))
                      .status,
                  303);
        return browser;
    }

    /// Takes the catalogue the hub offers, applies it as KioskApp does, and fetches its images.
    void kiosk_takes_the_catalogue(std::int64_t version)
    {
        if (!m_updater)
            start_updater_with(updater_options());
        else
            ASSERT_TRUE(m_updater->check_and_wait(k_hub_wait));
        std::vector<ReadyUpdate> ready = m_updater->take_ready();
        ASSERT_EQ(ready.size(), 1u) << m_updater->status().last_error;
        EXPECT_EQ(ready[0].entry.version, version);
        ASSERT_TRUE(apply_catalogue(ready[0])) << last_refusal();
        auto images = m_store->images();
        ASSERT_TRUE(images) << images.error().text();
        m_updater->set_wanted_images(images.value());
        ASSERT_TRUE(m_updater->check_and_wait(k_hub_wait));
    }

    std::unique_ptr<Office> m_office;
};

TEST_F(OfficePictureTest, APictureSentInTheFormReachesTheKioskAfterApproval)
{
    kiosk_takes_the_catalogue(1);
    const std::string photo = make_png(64, 48, 30, 120, 200);
    const std::string sha = sha256_hex(photo);

    // The contact person sends the activity with a picture, as the browser sends the form.
    Browser anna = logged_in("anna@stickcafe.example");
    const auto form = anna.get("/activities/stickcafe-stickning/edit");
    ASSERT_EQ(form.status, 200);
    std::string body;
    const auto field = [&](const std::string& name, const std::string& value, const std::string& filename = "") {
        body += "--" + k_boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" +
                (filename.empty() ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: image/png") + "\r\n\r\n" + value + "\r\n";
    };
    field("csrf", Browser::csrf_of(form.body));
    for (const auto& [name, value] : std::map<std::string, std::string>{
             {"title_sv", "Stickning"}, {"interests.crafts", "1"}, {"weekly", "tis 18-20"}, {"from", "2026-01-01"},
             {"until", "2028-12-31"}, {"address", "Storgatan 1"}, {"town", "Halmstad"}, {"cost_sek", "gratis"}})
        field(name, value);
    field("image_file", photo, "stickning.png");
    field("action", "send");
    body += "--" + k_boundary + "--\r\n";
    const auto sent = anna.post("/activities/stickcafe-stickning/edit", body, "multipart/form-data; boundary=" + k_boundary);
    ASSERT_EQ(sent.status, 303) << sent.body;

    // Nothing reaches the kiosk before the region approves.
    ASSERT_TRUE(m_updater->check_and_wait(k_hub_wait));
    EXPECT_TRUE(m_updater->take_ready().empty());
    EXPECT_FALSE(fs::exists(fs::path(images_dir(m_kiosk_dir.string())) / (sha + ".png")));

    Browser rut = logged_in("rut@region.example");
    const auto approvals = rut.get("/approvals");
    const auto approved = rut.post("/approvals/1/approve", "csrf=" + Browser::csrf_of(approvals.body) + "&revision=1");
    ASSERT_EQ(approved.status, 303) << approved.body;

    kiosk_takes_the_catalogue(2);
    auto activity = m_store->activity("stickcafe-stickning");
    ASSERT_TRUE(activity && activity.value());
    ASSERT_TRUE(activity.value()->image);
    EXPECT_EQ(activity.value()->image->sha256, sha);
    const fs::path kept = fs::path(images_dir(m_kiosk_dir.string())) / (sha + ".png");
    ASSERT_TRUE(fs::exists(kept)) << m_updater->status().last_error;
    EXPECT_EQ(read_file(kept), photo) << "the kiosk holds the chosen file, byte for byte";
}

}  // namespace
