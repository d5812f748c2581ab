#include "kiosk/store_check.hpp"

namespace lotsen::kiosk {

Result<std::unique_ptr<StoreCheck>> StoreCheck::start(Store& store)
{
    auto tables = LOTSEN_TRY(store.table_names());
    return std::unique_ptr<StoreCheck>(new StoreCheck(store, std::move(tables)));
}

StoreCheck::StoreCheck(Store& store, std::vector<std::string> tables)
    : m_store(store), m_tables(std::move(tables)), m_thread([this] { run(); })
{
}

StoreCheck::~StoreCheck()
{
    m_stop = true;
    // Only a check still reading is interrupted: SQLite keeps an interrupt in force while any statement
    // of the connection is active, and one of this thread's may be (stepped, not yet reset).
    if (!result())
        m_store.interrupt();
    m_thread.join();
}

std::optional<sqlite::FileCheck> StoreCheck::result() const
{
    std::lock_guard lock(m_mutex);
    return m_result;
}

void StoreCheck::run()
{
    sqlite::FileCheck found{sqlite::FileState::sound, {}};
    for (const std::string& table : m_tables) {
        if (m_stop)
            return;
        sqlite::FileCheck checked = m_store.check_table(table);
        if (checked.state == sqlite::FileState::sound)
            continue;
        found = sqlite::FileCheck{checked.state, "table " + table + ": " + checked.detail};
        break;
    }
    std::lock_guard lock(m_mutex);
    m_result = std::move(found);
}

}  // namespace lotsen::kiosk
