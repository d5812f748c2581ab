// store_check.hpp — the kiosk store's full check, after start-up: every table (PRAGMA quick_check per
// table) read on a thread of its own, so that a start costs the same with 500 activities as with
// 50,000 (reading every page before the first frame cost 100 ms of CPU for 10,000 activities here,
// and a Pi reads the 72 MB file from its SD card). The store is opened serialised for it
// (Store::open_recovering): a query of the kiosk waits for at most the table being checked.
#pragma once

#include "core/storage/store.hpp"

#include <atomic>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace lotsen::kiosk {

class StoreCheck {
public:
    /// Begins checking `store`'s tables on a thread of its own; `store` must outlive this object.
    /// An error when the store cannot list its tables.
    static Result<std::unique_ptr<StoreCheck>> start(Store& store);
    /// Stops a check still running (interrupting the table being read: call it when this thread runs
    /// nothing on the store, as at the kiosk's end) and waits for the thread.
    ~StoreCheck();
    StoreCheck(const StoreCheck&) = delete;
    StoreCheck& operator=(const StoreCheck&) = delete;

    /// What the check found, once it is over: sound, damaged (the table and SQLite's words) or
    /// unreadable (it could not tell); nullopt while it runs.
    std::optional<sqlite::FileCheck> result() const;

private:
    StoreCheck(Store& store, std::vector<std::string> tables);
    void run();

    Store& m_store;
    std::vector<std::string> m_tables;
    std::atomic<bool> m_stop{false};
    mutable std::mutex m_mutex;                ///< guards m_result
    std::optional<sqlite::FileCheck> m_result;
    std::thread m_thread;                      ///< last: started once the rest is in place
};

}  // namespace lotsen::kiosk
