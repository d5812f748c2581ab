// user.cpp — `lotsen-hub user`: the office's accounts. `add` creates a user and an invitation whose
// link (printed, and e-mailed when [mail] is set; the token itself is stored only as a hash) lets
// them choose a password; `invite` makes a new link for an existing user; `list` shows every user;
// `disable` shuts one out at once.
#include "hub/cli/arguments.hpp"
#include "hub/cli/command.hpp"
#include "hub/cli/hub_data.hpp"
#include "hub/commands/commands.hpp"
#include "hub/fleet.hpp"
#include "hub/mail/mail_settings.hpp"
#include "hub/office/credentials.hpp"
#include "hub/office/office_mail.hpp"
#include "hub/office/office_settings.hpp"
#include "hub/office/office_store.hpp"
#include "hub/server.hpp"
#include "core/base/terminal_text.hpp"
#include "core/base/text_checks.hpp"

#include <cstdio>
#include <optional>
#include <string>

namespace lotsen::hub::commands {

namespace {

constexpr const char* k_help = R"(Usage: lotsen-hub user add --data-dir DIR --email E --name N --role region|association [--association ID]
       lotsen-hub user invite --data-dir DIR E
       lotsen-hub user list --data-dir DIR
       lotsen-hub user disable --data-dir DIR E
  The web office's accounts (lotsen-hub office). A region user sees every association's requests; an
  association user (--association ID, the association's id in the catalogue) only their own.
  add      creates the user and prints an invitation link ([office] base_url in DIR/office.toml +
           /invite/TOKEN) with which they choose their password; it works once, for [office]
           invitation_days (default 7), and e-mails it to them when DIR/office.toml has [mail]
           (docs/mail-and-retention.md); otherwise hand it over yourself. Only a hash of it is kept.
  invite   a new invitation link for a user (a lost link, or a forgotten password)
  list     every user: e-mail, name, role, association, whether a password is set, disabled
  disable  the user cannot log in any more; their sessions end at once
)";

bool valid_email(const std::string& email)
{
    const std::size_t at = email.find('@');
    if (email.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= email.size() || email.find('@', at + 1) != std::string::npos)
        return false;
    for (const char c : email) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '"')
            return false;
    }
    return email.find('.', at) != std::string::npos;
}

bool valid_name(const std::string& name)
{
    if (name.empty() || name.size() > 200)
        return false;
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

bool valid_association_id(const std::string& id)
{
    if (id.empty() || id.size() > 64)
        return false;
    for (const char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

// Makes an invitation for `user`, prints its link and, with a [mail] section, e-mails it to them.
int invite(office::OfficeStore& store, const office::OfficeSettings& settings, const mail::OfficeMailSettings& mail_settings,
           const office::OfficeUser& user)
{
    const std::string token = office::random_token();
    const UnixSeconds now = system_clock_now();
    const UnixSeconds expires = now + static_cast<UnixSeconds>(settings.invitation_days) * 86400;
    if (auto added = store.add_invitation(office::token_hash(token), user.id, now, expires); !added)
        return cli::fail(added.error().text());
    if (auto audited = store.audit({now, std::nullopt, "invitation_made", "", "", "for " + user.email + " by the operator"}); !audited)
        return cli::fail(audited.error().text());
    const std::string link = settings.base_url + "/invite/" + token;
    std::printf("Invitation for %s (works once, until %s):\n%s\n", escape_for_terminal(user.email).c_str(),
                format_local_time(expires).c_str(), link.c_str());
    const auto sent = office::send_invitation(mail_settings, user, link, settings.invitation_days, now);
    if (!sent)
        return cli::fail("the invitation could not be e-mailed (" + sent.error().text()
                         + "); it is valid: hand the link above over yourself");
    if (sent.value())
        std::printf("E-mailed it to %s.\n", escape_for_terminal(user.email).c_str());
    else
        std::printf("No [mail] in office.toml: hand the link over yourself.\n");
    return 0;
}

}  // namespace

int user_command(int argc, char** argv)
{
    if (cli::asks_for_help(argc, argv))
        return cli::print_help(k_help);
    const cli::Arguments arguments =
        cli::parse_arguments(argc, argv, {"--data-dir", "--email", "--name", "--role", "--association"}, {});
    if (!arguments.problem.empty())
        return cli::usage_error(k_help, arguments.problem);
    if (arguments.positional.empty())
        return cli::usage_error(k_help, "user needs add, invite, list or disable");
    const std::string action = arguments.positional.front();
    const auto data_dir = arguments.value("--data-dir");
    if (!data_dir)
        return cli::usage_error(k_help, "user needs --data-dir DIR");
    const auto settings = office::read_office_settings(office::office_settings_path(*data_dir));
    if (!settings)
        return cli::fail(settings.error().text());
    auto hub = cli::open_hub_store(*data_dir);
    if (!hub)
        return cli::fail(hub.error().text());
    const auto mail_settings = mail::read_mail_settings(office::office_settings_path(*data_dir));
    if (!mail_settings)
        return cli::fail(mail_settings.error().text());
    office::OfficeStore store(*hub.value());

    if (action == "add") {
        if (arguments.positional.size() != 1)
            return cli::usage_error(k_help, "user add takes no words after add; use --email, --name, --role");
        const auto email = arguments.value("--email");
        const auto name = arguments.value("--name");
        const auto role = arguments.value("--role");
        if (!email || !name || !role)
            return cli::usage_error(k_help, "user add needs --email E, --name N and --role region|association");
        if (!valid_email(*email))
            return cli::usage_error(k_help, "--email needs an e-mail address such as name@example.org, not " + quote_for_message(*email));
        if (!valid_name(*name))
            return cli::usage_error(k_help, "--name needs a name of 1 to 200 bytes without control characters");
        office::NewUser user;
        user.email = *email;
        user.display_name = *name;
        if (*role == "region") {
            user.role = office::Role::region;
            if (arguments.value("--association"))
                return cli::usage_error(k_help, "a region user sees every association: leave out --association");
        } else if (*role == "association") {
            user.role = office::Role::association;
            const auto association = arguments.value("--association");
            if (!association || !valid_association_id(*association))
                return cli::usage_error(k_help, "an association user needs --association ID (the catalogue's id: a-z, 0-9, -)");
            user.organisation_id = *association;
            std::optional<Catalogue> catalogue;
            cli::Arguments for_catalogue;
            for_catalogue.values["--data-dir"] = *data_dir;
            if (cli::load_optional_catalogue(for_catalogue, catalogue) && catalogue
                && catalogue->find_organisation(*association) == nullptr)
                return cli::fail("the published catalogue has no association " + quote_for_message(*association)
                                 + "; check the id (lotsen-hub stats lists them)");
        } else {
            return cli::usage_error(k_help, "--role needs region or association, not " + quote_for_message(*role));
        }
        const auto id = store.add_user(user, system_clock_now());
        if (!id)
            return cli::fail(id.error().text());
        std::printf("Added %s user %s (%s)%s.\n", office::role_name(user.role), escape_for_terminal(user.email).c_str(),
                    escape_for_terminal(user.display_name).c_str(),
                    user.role == office::Role::association ? (" for " + user.organisation_id).c_str() : "");
        const auto added = store.find_user(id.value());
        if (!added || !added.value())
            return cli::fail(added ? "the new user could not be read back" : added.error().text());
        return invite(store, settings.value(), mail_settings.value(), *added.value());
    }
    if (action == "invite" || action == "disable") {
        if (arguments.positional.size() != 2)
            return cli::usage_error(k_help, "user " + action + " needs the user's e-mail address");
        const std::string email = arguments.positional[1];
        if (action == "disable") {
            const auto disabled = store.disable_user(email, system_clock_now());
            if (!disabled)
                return cli::fail(disabled.error().text());
            if (!disabled.value())
                return cli::fail("no enabled user has the e-mail address " + quote_for_message(email) + " (see lotsen-hub user list)");
            if (auto audited = store.audit({system_clock_now(), std::nullopt, "user_disabled", "", "", email + " by the operator"});
                !audited)
                return cli::fail(audited.error().text());
            std::printf("Disabled %s: they cannot log in, and their sessions have ended.\n", escape_for_terminal(email).c_str());
            return 0;
        }
        const auto user = store.find_user_by_email(email);
        if (!user)
            return cli::fail(user.error().text());
        if (!user.value() || user.value()->disabled_at)
            return cli::fail("no enabled user has the e-mail address " + quote_for_message(email) + " (see lotsen-hub user list)");
        return invite(store, settings.value(), mail_settings.value(), *user.value());
    }
    if (action == "list") {
        if (arguments.positional.size() != 1)
            return cli::usage_error(k_help, "user list takes no other words");
        const auto users = store.list_users();
        if (!users)
            return cli::fail(users.error().text());
        if (users.value().empty())
            std::printf("no office users yet (lotsen-hub user add)\n");
        for (const office::OfficeUser& user : users.value()) {
            std::string line = user.email + "  " + user.display_name + "  " + office::role_name(user.role);
            if (user.role == office::Role::association)
                line += " " + user.organisation_id;
            line += user.password_hash ? "  password set" : "  invited";
            if (user.disabled_at)
                line += "  DISABLED " + format_local_time(*user.disabled_at);
            std::printf("%s\n", escape_for_terminal(line).c_str());
        }
        return 0;
    }
    return cli::usage_error(k_help, "user needs add, invite, list or disable, not " + quote_for_message(action));
}

}  // namespace lotsen::hub::commands
