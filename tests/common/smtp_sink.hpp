// smtp_sink.hpp — a real SMTP server on loopback for tests (tests/common/smtp_sink.py, on Debian's
// python3-aiosmtpd): started on a free port, ready once it has said which, stopped when the object
// goes (and by the kernel if the test process dies first). messages() reads what it received: the raw
// bytes and what Python's email package decoded from them. Header-only, like files.hpp.
#pragma once

#include "tests/common/files.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace lotsen::testing {

/// One message the sink accepted.
struct ReceivedMail {
    std::string raw;                     ///< the bytes as they arrived
    std::string mail_from;               ///< SMTP envelope
    std::vector<std::string> rcpt_tos;   ///< SMTP envelope
    std::map<std::string, std::vector<std::string>> headers;  ///< lower-case name → decoded values
    std::string body;                    ///< the text body, decoded, "\n" line ends
    std::vector<std::string> defects;    ///< what Python's parser found wrong; empty for a sound message

    /// The first value of header `name` (lower case), or "".
    std::string header(const std::string& name) const
    {
        const auto it = headers.find(name);
        return it == headers.end() || it->second.empty() ? std::string() : it->second.front();
    }
};

/// The sink process. port() is 0 when it could not be started (tests assert on it; problem() says why).
class SmtpSink {
public:
    explicit SmtpSink(const std::string& source_dir) : m_folder("lotsen-smtp-sink")
    {
        int out[2];
        if (m_folder.path().empty() || ::pipe(out) != 0) {
            m_problem = "no folder or pipe";
            return;
        }
        const std::string script = source_dir + "/tests/common/smtp_sink.py";
        const std::string folder = m_folder.str();
        m_pid = ::fork();
        if (m_pid == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            ::dup2(out[1], STDOUT_FILENO);
            ::close(out[0]);
            ::close(out[1]);
            // Debian's interpreter, which has python3-aiosmtpd, whatever python3 is first on PATH.
            ::execl("/usr/bin/python3", "python3", script.c_str(), folder.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        ::close(out[1]);
        if (m_pid < 0) {
            ::close(out[0]);
            m_problem = "fork failed";
            return;
        }
        // "PORT n" comes once the socket listens; EOF first means the sink could not start.
        std::string line;
        char c = 0;
        while (::read(out[0], &c, 1) == 1 && c != '\n')
            line += c;
        ::close(out[0]);
        if (line.rfind("PORT ", 0) == 0)
            m_port = std::stoi(line.substr(5));
        else
            m_problem = "the sink did not start (is python3-aiosmtpd installed?) and said: " + line;
    }

    ~SmtpSink()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGTERM);
            int status = 0;
            ::waitpid(m_pid, &status, 0);
        }
    }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return m_port; }
    const std::string& problem() const { return m_problem; }
    /// smtp://127.0.0.1:PORT, for [mail] url.
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(m_port); }

    /// Every message received so far, oldest first. The sink writes a message before it answers the
    /// DATA command, so a message whose send returned ok is here.
    std::vector<ReceivedMail> messages() const
    {
        std::vector<std::filesystem::path> stems;
        for (const auto& entry : std::filesystem::directory_iterator(m_folder.path())) {
            if (entry.path().extension() == ".json")
                stems.push_back(entry.path().parent_path() / entry.path().stem());
        }
        std::sort(stems.begin(), stems.end());
        std::vector<ReceivedMail> mails;
        for (const auto& stem : stems) {
            ReceivedMail mail;
            mail.raw = read_file(stem.string() + ".eml");
            const nlohmann::json record = nlohmann::json::parse(read_file(stem.string() + ".json"));
            // Each member looked up by find(): json::value() trips GCC's -Wnull-dereference.
            const auto member = [&](const char* name) -> const nlohmann::json& {
                static const nlohmann::json k_null;
                const auto it = record.find(name);
                return it == record.end() ? k_null : *it;
            };
            if (member("mail_from").is_string())
                mail.mail_from = member("mail_from").get<std::string>();
            for (const auto& to : member("rcpt_tos"))
                mail.rcpt_tos.push_back(to.get<std::string>());
            for (const auto& [name, values] : member("headers").items()) {
                for (const auto& value : values)
                    mail.headers[name].push_back(value.get<std::string>());
            }
            if (member("body").is_string()) {
                for (const char ch : member("body").get<std::string>()) {
                    if (ch != '\r')
                        mail.body += ch;
                }
            }
            for (const auto& defect : member("defects"))
                mail.defects.push_back(defect.get<std::string>());
            mails.push_back(std::move(mail));
        }
        return mails;
    }

private:
    TempDir m_folder;
    pid_t m_pid = -1;
    int m_port = 0;
    std::string m_problem;
};

}  // namespace lotsen::testing
