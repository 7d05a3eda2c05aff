// The journal: replay of every record kind, torn last lines, crash counting.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pelcamp/store/journal.hpp"

namespace pelcamp::store {
namespace {

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("pelcamp_test_" + std::to_string(::getpid()) + "_" + name)).string();
}

TEST(Journal, ReplaysOutcomesAndCountsAttemptsThatNeverReported) {
  const std::string path = temp_path("journal");
  std::filesystem::remove(path);
  {
    JournalWriter w(path, 0);
    w.header("abc");
    w.session_start(0, 4, "node1,node2");
    w.assigned(0x1, 1, 2, 0);
    w.assigned(0x2, 1, 3, 0);
    w.assigned(0x3, 1, 1, 0);
    w.finished('D', 0x1, 1, 2, 0.5);
    w.finished('F', 0x2, 1, 3, 0.25, "non-finite energy\nat step 3");
    w.flush();
  }
  {
    JournalState st = replay_journal(path);
    EXPECT_EQ(st.store_uuid, "abc");
    ASSERT_EQ(st.sessions.size(), 1u);
    EXPECT_EQ(st.sessions[0].ranks, 4);
    EXPECT_EQ(st.sessions[0].hosts, "node1,node2");
    EXPECT_EQ(st.units[0x1].status, UnitStatus::Done);
    EXPECT_DOUBLE_EQ(st.units[0x1].wall_seconds, 0.5);
    EXPECT_EQ(st.units[0x2].status, UnitStatus::Failed);
    EXPECT_EQ(st.units[0x2].reason, "non-finite energy at step 3");
    EXPECT_TRUE(st.units[0x3].in_flight);  // the job died while unit 3 ran
    // Second session: the crash is blamed on unit 3, which is handed out again and the job
    // dies again.
    JournalWriter w(path, st.valid_bytes);
    w.crashed(0x3, true);
    w.session_start(1, 1, "node1");
    w.assigned(0x3, 2, 0, 1);
    w.flush();
  }
  {
    JournalState st = replay_journal(path);
    EXPECT_EQ(st.units[0x3].attempts, 2);
    EXPECT_EQ(st.units[0x3].crashes, 1);  // blamed for session 0
    EXPECT_TRUE(st.units[0x3].in_flight);
  }
  std::filesystem::remove(path);
}

TEST(Journal, TornLastLineIsIgnoredAndCutBeforeAppending) {
  const std::string path = temp_path("torn");
  {
    std::ofstream out(path, std::ios::trunc);
    out << "H pelcamp-journal 1 u\nD 00000000000000aa 1 1 0.1 5.0\nD 00000000000000bb 1 1 0.";  // killed mid-line
  }
  JournalState st = replay_journal(path);
  EXPECT_EQ(st.units.count(0xaa), 1u);
  EXPECT_EQ(st.units.count(0xbb), 0u);
  {
    JournalWriter w(path, st.valid_bytes);
    w.finished('D', 0xcc, 1, 1, 0.2);
    w.flush();
  }
  st = replay_journal(path);
  EXPECT_EQ(st.units.count(0xbb), 0u);
  EXPECT_EQ(st.units[0xcc].status, UnitStatus::Done);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace pelcamp::store
