#pragma once
// Screening of ART events before a barrier spectrum is made (seed 003, Supporting
// Information, "EA spectrum": two steps on four quantities E_sad−ini, E_fin−sad, E_fin−ini
// and Δ = (Σ_i |r_fin,i − r_ini,i|²)^½), each rule named and switchable:
//   failed              E_sad − E_ini < 0 or E_fin − E_sad > 0; also every search whose
//                       outcome is not `success` (no converged, connected saddle)
//   identical-to-start  E_fin − E_ini < identical_energy (0.02 eV; signed, as written in the
//                       seed) and Δ < identical_distance (1 Å)
//   duplicate           the same event found again (typically from another centre): the
//                       same most-displaced atom, and E_sad−ini, E_fin−ini within
//                       duplicate_energy and Δ within duplicate_distance of a kept event
//   redundant           |Δ_m − Δ_n| < 0.1 Å and |E_sad−ini,m − E_sad−ini,n| < 0.01 eV and
//                       |E_fin−ini,m − E_fin−ini,n| < 0.005 eV with a kept event n
// Rules apply in that order; among duplicates and redundant pairs the first event (input
// order) is kept, so the result is a pure function of the event list and its order.
// Energies in eV (or the potential's energy unit), lengths in Å (its length unit).
#include <cstdint>
#include <span>
#include <vector>

namespace pelcamp {

struct ArtEventRecord {
  bool success = false;       // ArtnOutcome::success
  double energy_initial = 0.0;
  double energy_saddle = 0.0;
  double energy_final = 0.0;
  double final_displacement = 0.0;  // Δ
  std::int64_t most_displaced = -1; // atom that moved most between initial and final minima
};

struct EventFilterConfig {
  bool drop_failed = true;
  bool drop_identical_to_start = true;
  double identical_energy = 0.02;
  double identical_distance = 1.0;
  bool drop_duplicates = true;
  double duplicate_energy = 1e-3;
  double duplicate_distance = 0.01;
  bool drop_redundant = true;
  double redundant_distance = 0.1;
  double redundant_barrier = 0.01;
  double redundant_final = 0.005;

  void validate() const;  // throws pelcamp::Error naming the bad field
};

enum class EventVerdict { kept, failed, identical_to_start, duplicate, redundant };
// "kept", "failed", "identical-to-start", "duplicate", "redundant".
const char* to_string(EventVerdict verdict);

// One verdict per event.
std::vector<EventVerdict> filter_events(std::span<const ArtEventRecord> events,
                                        const EventFilterConfig& config);

}  // namespace pelcamp
