// smtp.cpp — one SMTP transaction through libcurl (smtp.hpp).
#include "hub/mail/smtp.hpp"

#include "core/base/text_checks.hpp"

#include <curl/curl.h>
#include <sodium.h>
#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>

namespace lotsen::hub::mail {

namespace {

// What libcurl reads the message from, and what it heard the server say.
struct Transfer {
    std::string_view data;
    std::size_t offset = 0;
    std::string last_reply;  // the server's last response line
    std::string refusal;     // its first 4xx or 5xx line: the reason, before the closing "221 Bye"
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user)
{
    auto* transfer = static_cast<Transfer*>(user);
    const std::size_t wanted = size * count;
    const std::size_t left = transfer->data.size() - transfer->offset;
    const std::size_t n = wanted < left ? wanted : left;
    std::memcpy(buffer, transfer->data.data() + transfer->offset, n);
    transfer->offset += n;
    return n;
}

// Keeps the server's last reply line so that a refusal can be named by it.
int watch_replies(CURL*, curl_infotype type, char* data, std::size_t size, void* user)
{
    if (type != CURLINFO_HEADER_IN)
        return 0;
    auto* transfer = static_cast<Transfer*>(user);
    std::string line(data, size);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    for (char& c : line) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e)
            c = '?';  // shown in logs and terminals: nothing from the server is printed raw
    }
    if (line.empty())
        return 0;
    transfer->last_reply = line.substr(0, 200);
    if (transfer->refusal.empty() && (line[0] == '4' || line[0] == '5'))
        transfer->refusal = transfer->last_reply;
    return 0;
}

// The password from its file: one line, not readable by group or others.
Result<std::string> read_password(const std::string& path)
{
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0)
        return Error{"[mail] password_file " + in_quotes(path) + " cannot be read"};
    if ((info.st_mode & 077) != 0)
        return Error{"[mail] password_file " + in_quotes(path) + " is readable by others; chmod 600 it"};
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    std::string password = text.str();
    const auto end = password.find_first_of("\r\n");
    if (end != std::string::npos)
        password.resize(end);
    if (password.empty())
        return Error{"[mail] password_file " + in_quotes(path) + " is empty"};
    return password;
}

std::string host_of(const std::string& url)
{
    const auto start = url.find("://");
    std::string rest = url.substr(start == std::string::npos ? 0 : start + 3);
    if (!rest.empty() && rest.front() == '[')
        return rest.substr(0, rest.find(']') + 1);
    return rest.substr(0, rest.find_first_of(":/"));
}

struct CurlDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

Result<void> send_mail(const MailSettings& settings, const MailMessage& message, UnixSeconds now)
{
    const std::string text = LOTSEN_TRY(build_message(message, now));
    static std::once_flag s_init;
    std::call_once(s_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl)
        return Error{"SMTP: libcurl could not start a transfer"};
    std::unique_ptr<curl_slist, ListDeleter> recipients;
    for (const std::string& address : message.to) {
        curl_slist* grown = curl_slist_append(recipients.get(), ("<" + address + ">").c_str());
        if (!grown)
            return Error{"SMTP: out of memory"};
        (void)recipients.release();
        recipients.reset(grown);
    }
    std::string password;
    if (!settings.username.empty())
        password = LOTSEN_TRY(read_password(settings.password_file));

    Transfer transfer{.data = text, .offset = 0, .last_reply = {}, .refusal = {}};
    char error_text[CURL_ERROR_SIZE] = {};
    const std::string from = "<" + message.from + ">";
    const bool loopback = is_loopback_host(host_of(settings.url));
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, settings.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(c, CURLOPT_READDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(settings.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_text);
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, watch_replies);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // feeds watch_replies; nothing is printed
    // Away from loopback the message (and the password) never travel in clear: STARTTLS or fail.
    curl_easy_setopt(c, CURLOPT_USE_SSL, loopback ? static_cast<long>(CURLUSESSL_NONE) : static_cast<long>(CURLUSESSL_ALL));
    if (!settings.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
    }
    const CURLcode code = curl_easy_perform(c);
    if (!password.empty())
        sodium_memzero(password.data(), password.size());
    if (code != CURLE_OK) {
        std::string what = error_text[0] != '\0' ? std::string(error_text) : std::string(curl_easy_strerror(code));
        if (!transfer.refusal.empty())
            what += "; the server replied \"" + transfer.refusal + "\"";
        else if (!transfer.last_reply.empty())
            what += "; the server's last reply: \"" + transfer.last_reply + "\"";
        return Error{"SMTP " + settings.url + ": sending to " + std::to_string(message.to.size())
                     + " recipient(s) failed: " + what};
    }
    return success();
}

}  // namespace lotsen::hub::mail
