// office_settings.hpp — the office's settings: section [office] of DATA_DIR/office.toml. The same file
// holds [mail], [notices] and [retention], read by their own code (hub/mail/, hub/retention.*); this
// reader passes over every other section but reports an unknown key or a bad value in [office] with
// the file and line. A missing file means every default.
#pragma once

#include "core/base/result.hpp"

#include <string>

namespace lotsen::hub::office {

/// What [office] sets.
struct OfficeSettings {
    std::string listen = "127.0.0.1:8090";  ///< HOST:PORT; `--listen` overrides it
    std::string base_url = "http://127.0.0.1:8090";  ///< how users reach the office: links in invitations
    std::string trusted_proxy;   ///< the reverse proxy's address; only its X-Forwarded-For is believed
    bool secure_cookies = false;  ///< cookies marked Secure (the office is reached over TLS)
    int session_idle_minutes = 30;  ///< a session unused this long ends
    int invitation_days = 7;        ///< an invitation link works this long
    std::string seal_key;  ///< the sealing secret key file; empty: DATA_DIR/hub-seal.key
    /// The fleet's publisher key, for publishing associations' changes on approval (docs/updates.md,
    /// "Where the publisher key lives"); empty: systemd's credential publisher.key if passed, else none.
    std::string publisher_key;
    std::string default_language = "sv";  ///< when neither the user nor the browser says (sv or en)
    int kiosk_silent_minutes = 60;  ///< region staff are e-mailed when a kiosk is silent this long (with [mail])
    int remind_after_days = 180;    ///< an association is asked to check a listing this long after its last check
};

/// DATA_DIR/office.toml.
std::string office_settings_path(const std::string& data_dir);

/// Reads [office] from `path` over the defaults; a missing file gives the defaults. An error names
/// the file and line of the first problem.
Result<OfficeSettings> read_office_settings(const std::string& path);

/// Reads [office] from `toml_text`; `name` is the file name for messages.
Result<OfficeSettings> parse_office_settings(std::string_view toml_text, const std::string& name);

}  // namespace lotsen::hub::office
