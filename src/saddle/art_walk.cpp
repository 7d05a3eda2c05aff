#include "pelcamp/saddle/art_walk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "pelcamp/core/error.hpp"
#include "pelcamp/minimize/registry.hpp"
#include "pelcamp/saddle/rigid_body_modes.hpp"

namespace pelcamp {

namespace {

// The searcher's settings: the walk's ARTn settings, push radius and local forces.
AtomSearchConfig search_config(const ArtWalkConfig& walk) {
  AtomSearchConfig c;
  c.artn = walk.artn;
  c.perturbation_radius = walk.perturbation_radius;
  c.local = walk.local;
  c.analytic_hessian = walk.analytic_hessian;
  return c;
}

// A configuration's positions as 3N variables.
Eigen::VectorXd flat_positions(const Configuration& c) {
  Eigen::VectorXd x(3 * static_cast<Eigen::Index>(c.size()));
  for (std::size_t i = 0; i < c.size(); ++i) x.segment<3>(3 * Eigen::Index(i)) = c.positions[i];
  return x;
}

}  // namespace

void ArtWalkConfig::validate() const {
  search_config(*this).validate();
  auto require = [](bool ok, const char* field, double value, const char* allowed) {
    if (!ok) throw Error(fmt::format("art walk {} = {}: must be {}", field, value, allowed));
  };
  require(accepted_events >= 1, "accepted_events", accepted_events, "≥ 1");
  require(max_attempts >= 1, "max_attempts", max_attempts, "≥ 1");
  require(kT >= 0, "kT", kT, "≥ 0 (+inf accepts every event)");
  require(perturbation_radius >= 0 && std::isfinite(perturbation_radius), "perturbation_radius",
          perturbation_radius, "finite and ≥ 0");
  require(energy_tolerance > 0, "energy_tolerance", energy_tolerance, "> 0");
  require(distance_tolerance > 0, "distance_tolerance", distance_tolerance, "> 0");
  require(minimum_resolution >= 0 && minimum_resolution < distance_tolerance, "minimum_resolution",
          minimum_resolution, "≥ 0 and < distance_tolerance");
}

void SparseMinima::reset(const Eigen::VectorXd& reference) {
  reference_ = reference;
  minima_.clear();
}

std::size_t SparseMinima::add(const Eigen::VectorXd& positions, std::size_t parent) {
  const Eigen::VectorXd base = this->positions(parent);
  Minimum m;
  m.parent = parent;
  for (Eigen::Index i = 0; i < base.size() / 3; ++i) {
    const Vec3 x = positions.segment<3>(3 * i);
    const double d = (x - base.segment<3>(3 * i)).norm();
    if (d > resolution_) {
      m.atoms.push_back(static_cast<std::uint32_t>(i));
      m.positions.insert(m.positions.end(), x.data(), x.data() + 3);
    } else {
      m.residual = std::max(m.residual, d);
    }
  }
  m.atoms.shrink_to_fit();
  m.positions.shrink_to_fit();
  minima_.push_back(std::move(m));
  return minima_.size();
}

Eigen::VectorXd SparseMinima::positions(std::size_t m) const {
  if (m >= size()) throw Error(fmt::format("art walk: no stored minimum {} (of {})", m, size()));
  std::vector<std::size_t> chain;  // m, its parent, …, up to (not including) the reference
  for (std::size_t k = m; k != 0; k = minima_[k - 1].parent) chain.push_back(k);
  Eigen::VectorXd x = reference_;
  for (auto k = chain.rbegin(); k != chain.rend(); ++k) {
    const Minimum& stored = minima_[*k - 1];
    for (std::size_t a = 0; a < stored.atoms.size(); ++a)
      x.segment<3>(3 * Eigen::Index(stored.atoms[a])) = Eigen::Map<const Vec3>(&stored.positions[3 * a]);
  }
  return x;
}

std::size_t SparseMinima::stored_atoms(std::size_t m) const { return m == 0 ? 0 : minima_.at(m - 1).atoms.size(); }

double SparseMinima::residual(std::size_t m) const { return m == 0 ? 0.0 : minima_.at(m - 1).residual; }

std::size_t SparseMinima::bytes(std::size_t m) const {
  if (m == 0) return 0;
  const Minimum& stored = minima_.at(m - 1);
  return stored.atoms.capacity() * sizeof(std::uint32_t) + stored.positions.capacity() * sizeof(double) +
         sizeof(Minimum);
}

Vec3 principal_moments(Eigen::Ref<const Eigen::VectorXd> positions, const std::vector<double>& masses) {
  const Eigen::Index n = positions.size() / 3;
  Vec3 centre = Vec3::Zero();
  double total = 0.0;
  for (Eigen::Index i = 0; i < n; ++i) {
    centre += masses[i] * positions.segment<3>(3 * i);
    total += masses[i];
  }
  centre /= total;
  Mat3 inertia = Mat3::Zero();
  for (Eigen::Index i = 0; i < n; ++i) {
    const Vec3 r = positions.segment<3>(3 * i) - centre;
    inertia += masses[i] * (r.squaredNorm() * Mat3::Identity() - r * r.transpose());
  }
  return Eigen::SelfAdjointEigenSolver<Mat3>(inertia, Eigen::EigenvaluesOnly).eigenvalues();
}

namespace {

ArtWalkConfig validated(ArtWalkConfig settings) {
  settings.validate();
  return settings;
}

}  // namespace

ArtWalk::ArtWalk(Configuration& config, Potential& potential, ArtWalkConfig settings)
    : config_(config),
      potential_(potential),
      settings_(validated(std::move(settings))),
      objective_(config_, potential_),
      searcher_(config_, potential_, search_config(settings_)),
      minima_(settings_.minimum_resolution) {
  masses_.reserve(config_.size());
  for (int t : config_.types) masses_.push_back(config_.species[t].mass);
}

double ArtWalk::distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) const {
  const Eigen::VectorXd moved = settings_.artn.project_rigid_body ? aligned_onto(b, a) : b;
  double largest = 0.0;
  for (std::size_t i = 0; i < config_.size(); ++i) {
    const Vec3 d = config_.box.minimum_image(moved.segment<3>(3 * i) - a.segment<3>(3 * i));
    largest = std::max(largest, d.norm());
  }
  return largest;
}

Eigen::VectorXd ArtWalk::in_start_frame(const Eigen::VectorXd& x) const {
  if (settings_.artn.project_rigid_body) return x;  // distance() superposes free clusters
  const Eigen::Index n = x.size() / 3;
  Vec3 drift = Vec3::Zero();
  for (Eigen::Index i = 0; i < n; ++i) drift += x.segment<3>(3 * i) - minima_.reference().segment<3>(3 * i);
  drift /= double(n);
  Eigen::VectorXd shifted = x;
  for (Eigen::Index i = 0; i < n; ++i) shifted.segment<3>(3 * i) -= drift;
  return shifted;
}

int ArtWalk::find_minimum(double energy, const Eigen::VectorXd& x, bool& uncertain) const {
  uncertain = false;
  for (std::size_t m = 0; m < network_.minima.size(); ++m) {
    if (std::abs(network_.minima[m].energy - energy) >= settings_.energy_tolerance) continue;
    const double d = distance(minima_.positions(m), x);
    // The found minimum's atoms not stored lie within residual(m) of the stored positions:
    // closer than that to the tolerance, the full coordinates might have decided otherwise.
    if (std::abs(d - settings_.distance_tolerance) <= minima_.residual(m)) uncertain = true;
    if (d < settings_.distance_tolerance) return static_cast<int>(m);
  }
  return -1;
}

int ArtWalk::record_transition_state(int from, int to, const ArtnResult& r, const Eigen::VectorXd& saddle) {
  auto& states = network_.transition_states;
  for (std::size_t t = 0; t < states.size(); ++t) {
    const bool same_pair = (states[t].minimum_from == from && states[t].minimum_to == to) ||
                           (states[t].minimum_from == to && states[t].minimum_to == from);
    if (same_pair && std::abs(states[t].energy - r.energy_saddle) < settings_.energy_tolerance) {
      ++states[t].times_found;
      return static_cast<int>(t);
    }
  }
  states.push_back({.energy = r.energy_saddle, .eigenvalue = r.eigenvalue_saddle,
                    .moments = principal_moments(saddle, masses_), .minimum_from = from, .minimum_to = to,
                    .times_found = 1});
  return static_cast<int>(states.size()) - 1;
}

MinimizeResult ArtWalk::relax_fully() {
  auto positions = objective_.variables();
  StoppingCriteria stop;
  stop.fmax = settings_.artn.relax.force_tolerance;
  stop.max_iterations = settings_.artn.relax.max_iterations;
  return make_minimizer(settings_.artn.minimizer)->minimize(objective_, positions, stop);
}

void ArtWalk::stand_in_current() {
  objective_.variables() = current_;
  searcher_.sample_moved();
}

void ArtWalk::start() {
  const MinimizeResult r = relax_fully();
  if (!r.converged())
    throw Error(fmt::format("art walk: the starting structure did not minimize ({} after {} iterations)",
                            to_string(r.reason), r.iterations));
  current_ = objective_.variables();
  network_ = WalkNetwork{};
  network_.minima.push_back(
      {.energy = r.energy, .moments = principal_moments(current_, masses_), .visits = 1, .first_attempt = -1});
  minima_.reset(current_);
  stand_in_current();
}

bool ArtWalk::finished() const {
  return network_.accepted_events >= settings_.accepted_events ||
         static_cast<int>(network_.attempts.size()) >= settings_.max_attempts;
}

void ArtWalk::step(Rng& rng) {
  if (network_.minima.empty()) throw Error("art walk: step() before start() or restore()");
  const int attempt = static_cast<int>(network_.attempts.size());
  const int from = network_.current;
  WalkAttempt record;
  record.centre = rng.below(config_.size());
  record.minimum_from = from;
  const AtomEvent event = searcher_.search(record.centre, rng);  // from config_ = current_
  const ArtnResult& r = event.artn;
  record.outcome = r.outcome;
  record.force_calls = r.force_calls;
  record.barrier = r.energy_saddle - r.energy_initial;
  record.energy_change = std::nan("");
  MinimizeResult relaxed;
  if (r.outcome == ArtnOutcome::success) {
    // The search's final state relaxed on the full sample (see the header).
    config_.positions = searcher_.last_final().positions;
    relaxed = relax_fully();
    record.full_relax_force_calls = relaxed.evaluations;
    record.force_calls += relaxed.evaluations;
    record.full_relax_converged = relaxed.converged();
  }
  if (record.full_relax_converged) {
    const Eigen::VectorXd final_minimum = objective_.variables();
    const double energy_final = relaxed.energy;
    record.energy_change = energy_final - network_.minima[std::size_t(from)].energy;
    const Eigen::VectorXd found = in_start_frame(final_minimum);
    bool uncertain = false;
    int to = find_minimum(energy_final, found, uncertain);
    network_.uncertain_matches += uncertain;
    record.revisit = to >= 0;
    if (to < 0) {
      to = static_cast<int>(network_.minima.size());
      minima_.add(found, std::size_t(from));
      network_.minima.push_back({.energy = energy_final, .moments = principal_moments(final_minimum, masses_),
                                 .visits = 0, .first_attempt = attempt});
    }
    record.minimum_to = to;
    // ArtnSearch's own same-minimum test may be looser than ours, and the full relaxation
    // may return to the current minimum: then there is no event.
    if (to != from) {
      record.transition_state =
          record_transition_state(from, to, r, flat_positions(searcher_.last_saddle()));
      // Metropolis on the energy change (see the header).
      const double de = record.energy_change;
      record.accepted = de <= 0.0 || (settings_.kT > 0.0 && rng.uniform() < std::exp(-de / settings_.kT));
      if (record.accepted) {
        ++network_.accepted_events;
        network_.current = to;
        ++network_.minima[to].visits;
        // A new minimum as found; a known one as stored (no drift on revisits).
        current_ = record.revisit ? minima_.positions(std::size_t(to)) : final_minimum;
      }
    }
  }
  network_.attempts.push_back(record);
  if (record.accepted)
    stand_in_current();
  else
    objective_.variables() = current_;  // the sample as before: the searcher's energy holds
}

const WalkNetwork& ArtWalk::run(Rng& rng, const std::function<void()>& between_attempts) {
  start();
  while (!finished()) {
    between_attempts();
    step(rng);
  }
  return network_;
}

namespace {

// Checkpoint bytes: arithmetic values appended in a fixed order (same build only).
class ByteWriter {
 public:
  template <class T>
  void put(T value) {
    static_assert(std::is_arithmetic_v<T>);
    const auto* p = reinterpret_cast<const std::uint8_t*>(&value);
    bytes.insert(bytes.end(), p, p + sizeof value);
  }
  void put(const Vec3& v) {
    for (int d = 0; d < 3; ++d) put(v[d]);
  }
  // A field of a record's field list (see attempt_fields), stored as its own type or as U.
  template <class T>
  void operator()(const T& field) {
    put(field);
  }
  template <class U, class T>
  void as(const T& field) {
    put(static_cast<U>(field));
  }
  std::vector<std::uint8_t> bytes;
};

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    static_assert(std::is_arithmetic_v<T>);
    if (offset_ + sizeof(T) > bytes_.size()) throw Error("art walk checkpoint: truncated");
    T value;
    std::memcpy(&value, bytes_.data() + offset_, sizeof value);
    offset_ += sizeof value;
    return value;
  }
  Vec3 vec3() {
    Vec3 v;
    for (int d = 0; d < 3; ++d) v[d] = get<double>();
    return v;
  }
  // A field of a record's field list (see attempt_fields), stored as its own type or as U.
  template <class T>
  void operator()(T& field) {
    if constexpr (std::is_same_v<T, Vec3>)
      field = vec3();
    else
      field = get<T>();
  }
  template <class U, class T>
  void as(T& field) {
    field = static_cast<T>(get<U>());
  }
  bool at_end() const { return offset_ == bytes_.size(); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t offset_ = 0;
};

// Format tags: "artwalk3" added the full relaxation's fields to the attempts and the
// local-forces flag; "artwalk2" checkpoints (earlier builds) are refused by name.
constexpr std::uint64_t checkpoint_magic = 0x61727477616c6b33;  // "artwalk3"
constexpr std::uint64_t checkpoint_magic_v2 = 0x61727477616c6b32;  // "artwalk2"

// The checkpointed fields of the walk's records, in checkpoint order, one list for both
// directions: `io` is a ByteWriter (the record const) or a ByteReader (the record filled in).
template <class Io, class Minimum>
void minimum_fields(Io& io, Minimum& m) {
  io(m.energy);
  io(m.moments);
  io(m.visits);
  io(m.first_attempt);
}

template <class Io, class TransitionState>
void transition_state_fields(Io& io, TransitionState& t) {
  io(t.energy);
  io(t.eigenvalue);
  io(t.moments);
  io(t.minimum_from);
  io(t.minimum_to);
  io(t.times_found);
}

template <class Io, class Attempt>
void attempt_fields(Io& io, Attempt& a) {
  io.template as<std::uint64_t>(a.centre);
  io.template as<int>(a.outcome);
  io(a.minimum_from);
  io(a.minimum_to);
  io(a.transition_state);
  io(a.barrier);
  io(a.energy_change);
  io(a.accepted);
  io(a.revisit);
  io(a.force_calls);
  io(a.full_relax_force_calls);
  io(a.full_relax_converged);
}

}  // namespace

std::vector<std::uint8_t> ArtWalk::checkpoint(const Rng& rng) const {
  ByteWriter w;
  w.put(checkpoint_magic);
  w.put(std::uint64_t(objective_.dimension()));
  w.put(settings_.local.enabled);
  for (std::uint64_t s : rng.state().s) w.put(s);
  w.put(rng.state().has_spare_normal);
  w.put(rng.state().spare_normal);
  w.put(network_.accepted_events);
  w.put(network_.uncertain_matches);
  w.put(network_.current);
  for (double v : current_) w.put(v);
  for (double v : minima_.reference_) w.put(v);
  w.put(std::uint64_t(network_.minima.size()));
  for (std::size_t m = 0; m < network_.minima.size(); ++m) {
    minimum_fields(w, network_.minima[m]);
    if (m == 0) continue;
    const SparseMinima::Minimum& stored = minima_.minima_[m - 1];
    w.put(std::uint64_t(stored.parent));
    w.put(stored.residual);
    w.put(std::uint64_t(stored.atoms.size()));
    for (std::uint32_t a : stored.atoms) w.put(a);
    for (double v : stored.positions) w.put(v);
  }
  w.put(std::uint64_t(network_.transition_states.size()));
  for (const WalkTransitionState& t : network_.transition_states) transition_state_fields(w, t);
  w.put(std::uint64_t(network_.attempts.size()));
  for (const WalkAttempt& a : network_.attempts) attempt_fields(w, a);
  return std::move(w.bytes);
}

void ArtWalk::restore(std::span<const std::uint8_t> bytes, Rng& rng) {
  ByteReader r(bytes);
  const auto magic = r.get<std::uint64_t>();
  if (magic == checkpoint_magic_v2)
    throw Error("art walk checkpoint: format artwalk2 (a build before local forces in walks); this build "
                "reads artwalk3 only: remove the checkpoint file to start the walk again");
  if (magic != checkpoint_magic) throw Error("art walk checkpoint: not a walk checkpoint");
  const auto dimension = static_cast<Eigen::Index>(r.get<std::uint64_t>());
  if (dimension != objective_.dimension())
    throw Error(fmt::format("art walk checkpoint: {} variables, the system has {}", dimension,
                            objective_.dimension()));
  if (r.get<bool>() != settings_.local.enabled)
    throw Error(fmt::format("art walk checkpoint: written with local forces {}, this walk has them {}",
                            settings_.local.enabled ? "off" : "on", settings_.local.enabled ? "on" : "off"));
  Rng::State state;
  for (std::uint64_t& s : state.s) s = r.get<std::uint64_t>();
  state.has_spare_normal = r.get<bool>();
  state.spare_normal = r.get<double>();
  WalkNetwork net;
  net.accepted_events = r.get<int>();
  net.uncertain_matches = r.get<int>();
  net.current = r.get<int>();
  Eigen::VectorXd current(dimension), reference(dimension);
  for (double& v : current) v = r.get<double>();
  for (double& v : reference) v = r.get<double>();
  SparseMinima minima(settings_.minimum_resolution);
  minima.reset(reference);
  net.minima.resize(r.get<std::uint64_t>());
  for (std::size_t k = 0; k < net.minima.size(); ++k) {
    minimum_fields(r, net.minima[k]);
    if (k == 0) continue;
    SparseMinima::Minimum& stored = minima.minima_.emplace_back();
    stored.parent = r.get<std::uint64_t>();
    if (stored.parent >= k) throw Error("art walk checkpoint: inconsistent contents");
    stored.residual = r.get<double>();
    const auto atoms = r.get<std::uint64_t>();
    if (atoms > std::uint64_t(dimension / 3)) throw Error("art walk checkpoint: inconsistent contents");
    stored.atoms.resize(atoms);
    for (std::uint32_t& a : stored.atoms) {
      a = r.get<std::uint32_t>();
      if (a >= std::uint64_t(dimension / 3)) throw Error("art walk checkpoint: inconsistent contents");
    }
    stored.positions.resize(3 * atoms);
    for (double& v : stored.positions) v = r.get<double>();
  }
  net.transition_states.resize(r.get<std::uint64_t>());
  for (WalkTransitionState& t : net.transition_states) transition_state_fields(r, t);
  net.attempts.resize(r.get<std::uint64_t>());
  for (WalkAttempt& a : net.attempts) attempt_fields(r, a);
  if (!r.at_end() || net.minima.empty() || net.current < 0 || net.current >= int(net.minima.size()))
    throw Error("art walk checkpoint: inconsistent contents");
  network_ = std::move(net);
  minima_ = std::move(minima);
  current_ = std::move(current);
  rng.set_state(state);
  stand_in_current();
}

}  // namespace pelcamp
