// office.cpp — `lotsen-hub office`: the web office (hub/office/) over DIR/hub.db, on the region's
// internal network. Unlike `serve` it loads the sealing key (hub-seal.key), because it is where
// contact requests are opened; settings come from [office] in DIR/office.toml. With [mail] there it
// also runs the notice pass and the kiosk alerts (hub/office/fleet_alerts.hpp) on a timer. SIGINT or SIGTERM,
// taken by one thread with sigwait, stops it cleanly.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/cli/stop_signals.hpp"
#include "hub/commands/commands.hpp"
#include "hub/keys.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/office/mail_pass.hpp"
#include "hub/office/office.hpp"
#include "hub/office/office_mail.hpp"
#include "hub/office/office_server.hpp"
#include "hub/office/office_settings.hpp"
#include "hub/server.hpp"
#include "core/base/terminal_text.hpp"

#include <sodium.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <unistd.h>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub office --data-dir DIR [--listen HOST:PORT] [--quiet]
  The web office: association contact persons log in, read their association's contact requests and
  mark what came of them; region staff see every association's list. Meant for the region's internal
  network, behind its TLS proxy (docs/office.md). It opens requests with the sealing key, so it reads
  [office] seal_key (default: hub-seal.key from systemd's LoadCredential, else DIR/hub-seal.key;
  mode 0600); `serve` never loads that key.
  Settings: [office] in DIR/office.toml (listen, base_url, trusted_proxy, secure_cookies,
  session_idle_minutes, invitation_days, seal_key, publisher_key, default_language, kiosk_silent_minutes,
  remind_after_days).
  Associations' changes from the forms are published on approval with the publisher key: [office]
  publisher_key, else publisher.key from systemd's LoadCredential; without one, approving says the
  office cannot publish (docs/updates.md, "Where the publisher key lives").
  Accounts: lotsen-hub user. With [mail] it e-mails the notices and, to region staff, an alert when a
  kiosk has been silent for kiosk_silent_minutes (default 60) and one when it is back, and asks an
  association to check its listings last checked more than remind_after_days (default 180) ago.
  --listen  HOST:PORT instead of [office] listen (default 127.0.0.1:8090); PORT 0 picks a free one,
            printed as "listening on HOST:PORT"
  --quiet   no per-request log lines on standard error
  SIGINT or SIGTERM stops it cleanly.
)";

// The e-mail pass (hub/office/mail_pass.hpp) every [notices] interval_minutes, on its own connection
// to hub.db, with the office's accounts as recipients; the published catalogue is read again each pass
// (names and reply_days change with publications). Stops when destroyed.
class Notifier {
public:
    Notifier(std::string data_dir, mail::OfficeMailSettings settings, int kiosk_silent_minutes, int remind_after_days)
        : m_data_dir(std::move(data_dir))
        , m_settings(std::move(settings))
        , m_kiosk_silent_minutes(kiosk_silent_minutes)
        , m_remind_after_days(remind_after_days)
        , m_thread([this] { loop(); })
    {
    }
    Notifier(const Notifier&) = delete;
    Notifier& operator=(const Notifier&) = delete;
    ~Notifier()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }

private:
    void loop()
    {
        auto hub = cli::open_hub_store(m_data_dir);
        if (!hub) {
            std::fprintf(stderr, "lotsen-hub office: no notices are sent: %s\n", escape_for_terminal(hub.error().text()).c_str());
            return;
        }
        office::OfficeStore store(*hub.value());
        office::AccountRecipients recipients(store);
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            lock.unlock();
            pass(*hub.value(), recipients);
            lock.lock();
            m_changed.wait_for(lock, std::chrono::minutes(m_settings.notices.interval_minutes), [this] { return m_stop; });
        }
    }

    void pass(HubStore& hub, office::AccountRecipients& recipients)
    {
        std::optional<Catalogue> catalogue;
        cli::Arguments for_catalogue;
        for_catalogue.values["--data-dir"] = m_data_dir;
        cli::load_optional_catalogue(for_catalogue, catalogue);
        const office::MailPassInput input{.data_dir = m_data_dir,
                                          .kiosk_silent_minutes = m_kiosk_silent_minutes,
                                          .remind_after_days = m_remind_after_days,
                                          .catalogue = catalogue ? &*catalogue : nullptr};
        for (const std::string& line : office::run_mail_pass(hub, m_settings, input, system_clock_now(), recipients))
            std::fprintf(stderr, "lotsen-hub office: %s\n", line.c_str());
    }

    std::string m_data_dir;
    mail::OfficeMailSettings m_settings;
    int m_kiosk_silent_minutes;
    int m_remind_after_days;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_stop = false;
    std::thread m_thread;  // last: it starts once everything above is ready
};

}  // namespace

int office_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments = cli::parse_arguments(argc, argv, {"--data-dir", "--listen"}, {"--quiet"});
    if (!arguments.problem.empty() || !arguments.positional.empty())
        return cli::usage_error(k_help, arguments.problem.empty() ? "office takes no positional arguments" : arguments.problem);
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "office needs --data-dir DIR");
    auto settings = office::read_office_settings(office::office_settings_path(*data_dir));
    if (!settings)
        return cli::fail(settings.error().text());
    const std::string listen = arguments.value("--listen").value_or(settings.value().listen);
    std::string host;
    int port = 0;
    if (!cli::parse_listen(listen, host, port))
        return cli::usage_error(k_help, "--listen (or [office] listen) needs HOST:PORT, e.g. 127.0.0.1:8090, not "
                                            + escape_for_terminal(listen));
    const auto mail_settings = mail::read_mail_settings(office::office_settings_path(*data_dir));
    if (!mail_settings)
        return cli::fail(mail_settings.error().text());
    auto store = cli::open_hub_store(*data_dir);
    if (!store)
        return cli::fail(store.error().text());
    // [office] seal_key, else the key systemd passed in (LoadCredential=hub-seal.key:…, so the file
    // can stay root's and out of `serve`'s reach), else DATA_DIR/hub-seal.key.
    std::string key_path = settings.value().seal_key;
    const char* credentials = std::getenv("CREDENTIALS_DIRECTORY");
    if (key_path.empty() && credentials != nullptr && *credentials != '\0')
        key_path = std::string(credentials) + "/" + k_seal_secret_file;
    if (key_path.empty())
        key_path = *data_dir + (data_dir->back() == '/' ? "" : "/") + k_seal_secret_file;
    auto keys = load_seal_key(key_path);
    if (!keys)
        return cli::fail(keys.error().text() + " (the office opens contact requests with it: [office] seal_key)");
    office::OfficeSetup setup;
    setup.settings = settings.value();
    setup.data_dir = *data_dir;
    setup.seal_keys = keys.value();
    sodium_memzero(keys.value().secret_key.data(), keys.value().secret_key.size());
    cli::Arguments for_catalogue;
    for_catalogue.values["--data-dir"] = *data_dir;
    cli::load_optional_catalogue(for_catalogue, setup.catalogue);
    setup.data_dir = *data_dir;
    // [office] publisher_key, else the publisher key systemd passed in (LoadCredential=publisher.key:…);
    // never DATA_DIR's own copy by default: an office that publishes is a decision (docs/updates.md).
    std::string publisher_path = settings.value().publisher_key;
    if (publisher_path.empty() && credentials != nullptr && *credentials != '\0') {
        const std::string passed = std::string(credentials) + "/" + k_publisher_secret_file;
        if (::access(passed.c_str(), F_OK) == 0)
            publisher_path = passed;
    }
    if (!publisher_path.empty()) {
        auto publisher = load_publisher_key(publisher_path);
        if (!publisher)
            return cli::fail(publisher.error().text() + " (the office publishes approved changes with it: [office] publisher_key)");
        setup.publisher = publisher.value();
        sodium_memzero(publisher.value().secret_key.data(), publisher.value().secret_key.size());
    } else {
        std::fprintf(stderr, "lotsen-hub office: no publisher key ([office] publisher_key): associations' changes are "
                             "collected, but approving one is refused until the office has the key\n");
    }

    cli::StopSignals signals;  // before any server thread exists

    office::Office office(std::move(store.value()), std::move(setup));
    office::OfficeServerOptions options;
    options.log_requests = !arguments.has("--quiet");
    options.trusted_proxy = settings.value().trusted_proxy;
    office::OfficeServer server(office, options);
    auto bound = server.bind(host, port);
    if (!bound)
        return cli::fail(bound.error().text());
    std::printf("listening on %s:%d\n", host.c_str(), bound.value());
    std::fflush(stdout);
    std::optional<Notifier> notifier;
    if (mail_settings.value().mail)
        notifier.emplace(*data_dir, office::with_office_url(mail_settings.value(), settings.value().base_url),
                         settings.value().kiosk_silent_minutes, settings.value().remind_after_days);
    else
        std::fprintf(stderr, "lotsen-hub office: no [mail] in office.toml: no e-mail notices are sent\n");

    auto ran = signals.run_until_stopped(
        "lotsen-hub office", [&] { return server.run(); }, [&] { server.stop(); });
    notifier.reset();
    if (!ran)
        return cli::fail(ran.error().text());
    return 0;
}

}  // namespace lotsen::hub::commands
