#include "pelcamp/store/store.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>

#include "pelcamp/potential/registry.hpp"
#include "pelcamp/store/sha256.hpp"
#include "pelcamp/units/unit_registry.hpp"

namespace pelcamp::store {

namespace {

constexpr const char* kFormat = "pelcamp-store";
constexpr int kFormatVersion = 2;
// Int64 fields store a missing value (NaN in a UnitOutput) as this, their fill value.
constexpr std::int64_t kMissingInt = std::numeric_limits<std::int64_t>::min();

// Row of /units/state (the mutable half of the ledger).
struct StateRow {
  std::int8_t status;
  std::int32_t attempts;
  std::int32_t worker;
  double wall_seconds;
  double finished_at;
  char reason[kReasonSize];
};

struct SessionStorage {
  char started[32];
  char ended[32];
  std::int32_t ranks;
  char hosts[256];
  char command[512];
  char status[16];
  std::int64_t done;
};

template <std::size_t N>
void copy_text(char (&dest)[N], const std::string& text) {
  std::memset(dest, 0, N);
  std::memcpy(dest, text.data(), std::min(text.size(), N - 1));
}

template <std::size_t N>
std::string text_of(const char (&src)[N]) {
  return std::string(src, strnlen(src, N));
}

H5Id status_type() {
  H5Id t(H5Tenum_create(H5T_NATIVE_INT8), "create status enum");
  for (auto s : {UnitStatus::Pending, UnitStatus::Done, UnitStatus::Failed, UnitStatus::Skipped,
                 UnitStatus::Quarantined}) {
    const auto value = static_cast<std::int8_t>(s);
    h5check(H5Tenum_insert(t, status_name(s), &value), "insert enum value");
  }
  return t;
}

H5Id state_type() {
  H5Id t(H5Tcreate(H5T_COMPOUND, sizeof(StateRow)), "create state type");
  H5Id status = status_type();
  H5Id reason = fixed_string_type(kReasonSize);
  h5check(H5Tinsert(t, "status", HOFFSET(StateRow, status), status), "insert status");
  h5check(H5Tinsert(t, "attempts", HOFFSET(StateRow, attempts), H5T_NATIVE_INT32), "insert attempts");
  h5check(H5Tinsert(t, "worker", HOFFSET(StateRow, worker), H5T_NATIVE_INT32), "insert worker");
  h5check(H5Tinsert(t, "wall_seconds", HOFFSET(StateRow, wall_seconds), H5T_NATIVE_DOUBLE), "insert wall");
  h5check(H5Tinsert(t, "finished_at", HOFFSET(StateRow, finished_at), H5T_NATIVE_DOUBLE), "insert time");
  h5check(H5Tinsert(t, "reason", HOFFSET(StateRow, reason), reason), "insert reason");
  return t;
}

H5Id session_type() {
  H5Id t(H5Tcreate(H5T_COMPOUND, sizeof(SessionStorage)), "create session type");
  H5Id s32 = fixed_string_type(32), s256 = fixed_string_type(256), s512 = fixed_string_type(512),
       s16 = fixed_string_type(16);
  h5check(H5Tinsert(t, "started", HOFFSET(SessionStorage, started), s32), "insert");
  h5check(H5Tinsert(t, "ended", HOFFSET(SessionStorage, ended), s32), "insert");
  h5check(H5Tinsert(t, "ranks", HOFFSET(SessionStorage, ranks), H5T_NATIVE_INT32), "insert");
  h5check(H5Tinsert(t, "hosts", HOFFSET(SessionStorage, hosts), s256), "insert");
  h5check(H5Tinsert(t, "command", HOFFSET(SessionStorage, command), s512), "insert");
  h5check(H5Tinsert(t, "status", HOFFSET(SessionStorage, status), s16), "insert");
  h5check(H5Tinsert(t, "done", HOFFSET(SessionStorage, done), H5T_NATIVE_INT64), "insert");
  return t;
}

StateRow to_row(const UnitRecord& r) {
  StateRow row{};
  row.status = static_cast<std::int8_t>(r.status);
  row.attempts = r.attempts;
  row.worker = r.worker;
  row.wall_seconds = r.wall_seconds;
  row.finished_at = r.finished_at;
  copy_text(row.reason, r.reason);
  return row;
}

hid_t native_type(units::FieldType t) {
  return t == units::FieldType::Int64 ? H5T_NATIVE_INT64 : H5T_NATIVE_DOUBLE;
}

std::vector<hsize_t> field_dims(const KindLayout& kl, const units::OutputField& f) {
  hsize_t rows = kl.units.size();
  if (f.per_atom) rows = kl.atom_offset.back();
  if (f.series) rows = kl.series_offset[static_cast<std::size_t>(kl.kind->find_series(f.series) - kl.kind->series.data())].back();
  std::vector<hsize_t> dims{rows};
  if (f.width > 1) dims.push_back(static_cast<hsize_t>(f.width));
  return dims;
}

std::string rows_description(const units::OutputField& f) {
  if (f.series) return fmt::format("rows of series {} (see {}/row_offset)", f.series, f.series);
  return f.per_atom ? "per atom (see atom_offset)" : "per unit (kind_row)";
}

void write_attr_int(hid_t loc, const char* name, std::int64_t value) {
  H5Id space(H5Screate(H5S_SCALAR), "create space");
  H5Id attr(H5Acreate2(loc, name, H5T_NATIVE_INT64, space, H5P_DEFAULT, H5P_DEFAULT), "create attribute");
  h5check(H5Awrite(attr, H5T_NATIVE_INT64, &value), "write attribute");
}

void write_attr_ints(hid_t loc, const char* name, const std::vector<std::int32_t>& values) {
  const hsize_t n = values.size();
  H5Id space(H5Screate_simple(1, &n, nullptr), "create space");
  H5Id attr(H5Acreate2(loc, name, H5T_NATIVE_INT32, space, H5P_DEFAULT, H5P_DEFAULT), "create attribute");
  h5check(H5Awrite(attr, H5T_NATIVE_INT32, values.data()), "write attribute");
}

void write_attr_strings(hid_t loc, const char* name, const std::vector<std::string>& values) {
  H5Id type = fixed_string_type(16);
  std::vector<char> buffer(16 * values.size(), '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::memcpy(&buffer[16 * i], values[i].data(), std::min<std::size_t>(15, values[i].size()));
  const hsize_t n = values.size();
  H5Id space(H5Screate_simple(1, &n, nullptr), "create space");
  H5Id attr(H5Acreate2(loc, name, type, space, H5P_DEFAULT, H5P_DEFAULT), "create attribute");
  h5check(H5Awrite(attr, type, buffer.data()), "write attribute");
}

// One H5MD particle group with `frames` frames of `atoms` atoms. Frames are units (the
// final structure of each), not times: `step` and `time` hold the frame index.
void create_particle_group(hid_t particles, const std::string& name, hsize_t frames,
                           hsize_t atoms, bool periodic) {
  H5Id g = create_group(particles, name);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::int64_t> steps(frames);
  std::vector<double> times(frames);
  for (hsize_t f = 0; f < frames; ++f) steps[f] = std::int64_t(f), times[f] = double(f);
  auto element = [&](hid_t parent, const std::string& elem, hid_t type, std::vector<hsize_t> inner,
                     const void* fill) {
    H5Id e = create_group(parent, elem);
    std::vector<hsize_t> dims{frames};
    dims.insert(dims.end(), inner.begin(), inner.end());
    create_fixed_dataset(e, "value", type, dims, fill);
    H5Id step = create_fixed_dataset(e, "step", H5T_NATIVE_INT64, {frames});
    write_all(step, H5T_NATIVE_INT64, steps.data());
    H5Id time = create_fixed_dataset(e, "time", H5T_NATIVE_DOUBLE, {frames});
    write_all(time, H5T_NATIVE_DOUBLE, times.data());
  };
  const std::int32_t no_type = -1;
  const std::int64_t no_id = -1;
  element(g, "position", H5T_NATIVE_DOUBLE, {atoms, 3}, &nan);
  element(g, "species", H5T_NATIVE_INT32, {atoms}, &no_type);
  element(g, "id", H5T_NATIVE_INT64, {atoms}, &no_id);
  element(g, "mass", H5T_NATIVE_DOUBLE, {atoms}, &nan);
  H5Id names = fixed_string_type(kSpeciesNameSize);
  create_fixed_dataset(g, "species_names", names, {frames, kMaxSpecies});
  H5Id box = create_group(g, "box");
  write_attr_int(box, "dimension", 3);
  const std::string boundary = periodic ? "periodic" : "none";
  write_attr_strings(box, "boundary", {boundary, boundary, boundary});
  element(box, "edges", H5T_NATIVE_DOUBLE, {3, 3}, &nan);
  H5Id origin = create_fixed_dataset(box, "origin", H5T_NATIVE_DOUBLE, {frames, 3}, &nan);
}

std::string spec_file(const std::string& spec) {
  auto fields = split_list(spec, ':');
  return fields.size() >= 2 ? fields[1] : "";
}

}  // namespace

StoreFiles::StoreFiles(const std::string& h5_path)
    : h5(h5_path), journal(h5_path + ".journal"), lock(h5_path + ".lock"), log(h5_path + ".log"),
      checkpoints(h5_path + ".ckpt") {}

std::string iso_time(double unix_time) {
  const auto t = static_cast<std::time_t>(unix_time);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buffer[40];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S%z", &tm);
  return buffer;
}

void Store::create(const std::string& path, const campaign::Campaign& c, const campaign::Plan& plan,
                   const StoreLayout& layout, const std::string& uuid) {
  h5_quiet();
  H5Id fapl = serial_access();
  H5Id file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl), "create store " + path);
  write_string_attribute(file, "format", kFormat);
  write_attr_int(file, "format_version", kFormatVersion);
  write_string_attribute(file, "store_uuid", uuid);
  write_string_attribute(file, "layout_fingerprint", fmt::format("{:016x}", layout.fingerprint));
  write_string_attribute(file, "created", iso_time(unix_now()));
  write_string_attribute(file, "campaign_name", c.name);

  {  // provenance
    H5Id prov = create_group(file, "provenance");
    write_string_dataset(prov, "campaign_text", c.text);
    write_string_dataset(prov, "resolved_campaign", c.resolved_yaml());
    write_string_attribute(prov, "campaign_file", c.file);
    write_string_attribute(prov, "description", c.description);
    write_string_attribute(prov, "scale", c.scale.text());
    write_string_attribute(prov, "pelcamp_version", PELCAMP_VERSION);
    write_string_attribute(prov, "build", PELCAMP_BUILD_INFO);
    H5Id pots = create_group(prov, "potentials");
    for (const auto& [name, spec] : c.potentials) {
      H5Id g = create_group(pots, name);
      write_string_attribute(g, "spec", spec);
      const std::string file_path = spec_file(spec);
      if (!file_path.empty() && access(file_path.c_str(), R_OK) == 0) {
        write_string_attribute(g, "file", file_path);
        write_string_attribute(g, "sha256", sha256_file(file_path));
      }
    }
    H5Id stype = session_type();
    SessionStorage empty{};
    create_fixed_dataset(prov, "sessions", stype, {kSessionCapacity}, &empty);
  }

  {  // ledger
    const std::size_t n = plan.units.size();
    H5Id units_group = create_group(file, "units");
    std::vector<std::uint64_t> ids(n), kind_rows(n), atoms(n);
    std::vector<std::int32_t> stage(n), kind(n);
    std::vector<double> cost(n);
    std::vector<std::string> params(n), inherited(n), deps(n);
    for (std::size_t u = 0; u < n; ++u) {
      const auto& pu = plan.units[u];
      ids[u] = pu.id;
      kind_rows[u] = layout.kind_row[u];
      atoms[u] = pu.atoms;
      stage[u] = pu.stage;
      kind[u] = layout.kind_of[u];
      cost[u] = pu.expected_seconds;
      params[u] = pu.params.canonical();
      for (const auto& [k, v] : pu.inherited)
        inherited[u] += fmt::format("{}{}={}", inherited[u].empty() ? "" : ";", k, v);
      for (std::uint32_t d : pu.deps) deps[u] += fmt::format("{}{:016x}", deps[u].empty() ? "" : ",", plan.units[d].id);
    }
    auto column = [&](const char* name, hid_t type, const void* data) {
      H5Id ds = create_fixed_dataset(units_group, name, type, {n});
      if (n) write_all(ds, type, data);
    };
    column("id", H5T_NATIVE_UINT64, ids.data());
    column("stage", H5T_NATIVE_INT32, stage.data());
    column("kind", H5T_NATIVE_INT32, kind.data());
    column("kind_row", H5T_NATIVE_UINT64, kind_rows.data());
    column("expected_seconds", H5T_NATIVE_DOUBLE, cost.data());
    column("atoms", H5T_NATIVE_UINT64, atoms.data());
    column("particle_group", H5T_NATIVE_INT32, layout.particle_group.data());
    column("particle_frame", H5T_NATIVE_UINT64, layout.particle_frame.data());
    column("snapshot_group", H5T_NATIVE_INT32, layout.snapshot_group.data());
    std::vector<std::string> group_names;
    for (const auto& g : layout.particle_groups) group_names.push_back(g.name);
    write_string_column(units_group, "particle_group_names", group_names);
    write_string_column(units_group, "params", params);
    write_string_column(units_group, "inherited", inherited);
    write_string_column(units_group, "depends_on", deps);
    write_string_column(units_group, "stage_names", plan.stage_names);
    std::vector<std::string> kind_names;
    for (const auto& kl : layout.kinds) kind_names.push_back(kl.name);
    write_string_column(units_group, "kind_names", kind_names);
    H5Id stype = state_type();
    StateRow pending{};
    create_fixed_dataset(units_group, "state", stype, {n}, &pending);
  }

  {  // results and particles
    H5Id results = create_group(file, "results");
    for (const auto& kl : layout.kinds) {
      H5Id g = create_group(results, kl.name);
      write_string_attribute(g, "summary", kl.kind->summary);
      std::vector<std::uint64_t> unit_ids;
      for (std::uint32_t u : kl.units) unit_ids.push_back(layout.ids[u]);
      H5Id ids = create_fixed_dataset(g, "unit_id", H5T_NATIVE_UINT64, {unit_ids.size()});
      if (!unit_ids.empty()) write_all(ids, H5T_NATIVE_UINT64, unit_ids.data());
      H5Id offsets = create_fixed_dataset(g, "atom_offset", H5T_NATIVE_UINT64, {kl.atom_offset.size()});
      write_all(offsets, H5T_NATIVE_UINT64, kl.atom_offset.data());
      for (std::size_t k = 0; k < kl.kind->series.size(); ++k) {
        const auto& spec = kl.kind->series[k];
        H5Id sg = create_group(g, spec.name);
        write_string_attribute(sg, "doc", spec.doc);
        H5Id row_offset = create_fixed_dataset(sg, "row_offset", H5T_NATIVE_UINT64, {kl.series_offset[k].size()});
        write_all(row_offset, H5T_NATIVE_UINT64, kl.series_offset[k].data());
      }
      for (const auto& f : kl.kind->outputs) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        H5Id ds = create_fixed_dataset(file, kl.path_of(f), native_type(f.type), field_dims(kl, f),
                                       f.type == units::FieldType::Int64 ? static_cast<const void*>(&kMissingInt)
                                                                         : static_cast<const void*>(&nan));
        write_string_attribute(ds, "unit", f.unit);
        write_string_attribute(ds, "doc", f.doc);
        write_string_attribute(ds, "rows", rows_description(f));
      }
    }
    const bool any_particles = !layout.particle_groups.empty();
    if (any_particles) {
      H5Id particles = create_group(file, "particles");
      for (const auto& pg : layout.particle_groups)
        create_particle_group(particles, pg.name, pg.frames, pg.atoms, pg.periodic);
      H5Id h5md = create_group(file, "h5md");
      write_attr_ints(h5md, "version", {1, 1});
      H5Id author = create_group(h5md, "author");
      write_string_attribute(author, "name", "pelcamp");
      H5Id creator = create_group(h5md, "creator");
      write_string_attribute(creator, "name", "pelcamp");
      write_string_attribute(creator, "version", PELCAMP_VERSION);
    }
  }
  h5check(H5Fflush(file, H5F_SCOPE_GLOBAL), "flush the new store");
}

std::unique_ptr<Store> Store::open(const std::string& path, bool writable, MPI_Comm comm,
                                   const StoreLayout* layout) {
  h5_quiet();
  std::unique_ptr<Store> store(new Store());
  store->path_ = path;
  H5Id fapl = serial_access();
  if (comm != MPI_COMM_NULL) {
    h5check(H5Pset_fapl_mpio(fapl, comm, MPI_INFO_NULL), "select MPI-IO");
    h5check(H5Pset_file_locking(fapl, false, true), "disable file locking");
  }
  store->file_ = H5Id(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, fapl),
                      "open store " + path + " (not a pelcamp store, or damaged)");
  if (!has_attribute(store->file_, "format") || read_string_attribute(store->file_, "format") != kFormat)
    throw Error(path + " is not a pelcamp store");
  if (layout) {
    store->layout_ = *layout;
  } else {
    // Rebuild the layout from the file itself (readers need no campaign).
    StoreLayout& l = store->layout_;
    H5Id units_group(H5Gopen2(store->file_, "units", H5P_DEFAULT), "open /units");
    auto read_column = [&](const char* name, hid_t type, void* data) {
      H5Id ds(H5Dopen2(units_group, name, H5P_DEFAULT), std::string("open /units/") + name);
      if (!dataset_dims(ds).empty() && dataset_dims(ds)[0] > 0)
        h5check(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "read column");
    };
    H5Id ids(H5Dopen2(units_group, "id", H5P_DEFAULT), "open /units/id");
    const std::size_t n = dataset_dims(ids)[0];
    l.ids.resize(n);
    l.kind_of.resize(n);
    l.kind_row.resize(n);
    read_column("id", H5T_NATIVE_UINT64, l.ids.data());
    read_column("kind", H5T_NATIVE_INT32, l.kind_of.data());
    read_column("kind_row", H5T_NATIVE_UINT64, l.kind_row.data());
    // A kind's prefix sums (its atom offsets, or the row offsets of one of its series).
    auto read_offsets = [&](const std::string& path, const std::string& what) {
      H5Id ds(H5Dopen2(store->file_, path.c_str(), H5P_DEFAULT), "open " + what);
      std::vector<std::uint64_t> offsets(dataset_dims(ds)[0]);
      h5check(H5Dread(ds, H5T_NATIVE_UINT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, offsets.data()), "read " + what);
      return offsets;
    };
    for (const auto& name : read_string_column(units_group, "kind_names")) {
      KindLayout kl;
      kl.name = name;
      kl.kind = &units::find_unit_kind(name);
      kl.atom_offset = read_offsets("results/" + name + "/atom_offset", "atom offsets of " + name);
      for (const auto& spec : kl.kind->series)
        kl.series_offset.push_back(read_offsets(fmt::format("results/{}/{}/row_offset", name, spec.name),
                                                fmt::format("the row offsets of series {} of {}", spec.name, name)));
      l.kinds.push_back(std::move(kl));
    }
    l.particle_group.resize(n);
    l.particle_frame.resize(n);
    l.snapshot_group.resize(n);
    read_column("particle_group", H5T_NATIVE_INT32, l.particle_group.data());
    read_column("particle_frame", H5T_NATIVE_UINT64, l.particle_frame.data());
    read_column("snapshot_group", H5T_NATIVE_INT32, l.snapshot_group.data());
    for (const auto& name : read_string_column(units_group, "particle_group_names")) {
      H5Id pos(H5Dopen2(store->file_, ("particles/" + name + "/position/value").c_str(), H5P_DEFAULT),
               "open particles of " + name);
      const auto dims = dataset_dims(pos);
      l.particle_groups.push_back({name, dims[0], dims[1], true});
    }
    for (std::size_t u = 0; u < n; ++u) l.kinds[l.kind_of[u]].units.push_back(static_cast<std::uint32_t>(u));
  }
  for (std::size_t u = 0; u < store->layout_.ids.size(); ++u)
    store->index_.emplace(store->layout_.ids[u], static_cast<std::uint32_t>(u));
  if (writable) store->sync_fd_ = ::open(path.c_str(), O_RDONLY);
  return store;
}

Store::~Store() {
  datasets_.clear();
  file_.close();
  if (sync_fd_ >= 0) ::close(sync_fd_);
}

std::string Store::uuid() const { return read_string_attribute(file_, "store_uuid"); }

std::uint64_t Store::fingerprint() const {
  return campaign::parse_id_hex(read_string_attribute(file_, "layout_fingerprint"));
}

std::int64_t Store::find(std::uint64_t id) const {
  auto it = index_.find(id);
  return it == index_.end() ? -1 : it->second;
}

hid_t Store::dataset(const std::string& path) {
  auto it = datasets_.find(path);
  if (it != datasets_.end()) return it->second;
  H5Id ds(H5Dopen2(file_, path.c_str(), H5P_DEFAULT), "open " + path);
  return datasets_.emplace(path, std::move(ds)).first->second;
}

void Store::write_output(std::uint32_t unit, const units::UnitOutput& out) {
  const KindLayout& kl = layout_.kinds[layout_.kind_of[unit]];
  const std::uint64_t row = layout_.kind_row[unit];
  const auto& fields = kl.kind->outputs;
  if (out.fields.size() != fields.size())
    throw Error(fmt::format("unit kind {} produced {} output fields, its contract has {}", kl.name,
                            out.fields.size(), fields.size()));
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const auto& spec = fields[f];
    const KindLayout::Rows rows = kl.rows_of(spec, row);
    const std::size_t expected = rows.count * static_cast<std::size_t>(spec.width);
    if (out.fields[f].size() != expected)
      throw Error(fmt::format("unit kind {} produced {} values for {}, its contract says {}", kl.name,
                              out.fields[f].size(), spec.name, expected));
    if (spec.type == units::FieldType::Int64) {
      std::vector<std::int64_t> ints(out.fields[f].size());
      for (std::size_t i = 0; i < ints.size(); ++i)
        ints[i] = std::isnan(out.fields[f][i]) ? kMissingInt : static_cast<std::int64_t>(out.fields[f][i]);
      write_rows(dataset(kl.path_of(spec)), H5T_NATIVE_INT64, rows.first, rows.count, ints.data());
    } else {
      write_rows(dataset(kl.path_of(spec)), H5T_NATIVE_DOUBLE, rows.first, rows.count, out.fields[f].data());
    }
  }
  if (const std::int32_t g = layout_.snapshot_group[unit]; g >= 0) {
    const ParticleGroup& pg = layout_.particle_groups[g];
    if (out.snapshots.size() != pg.frames)
      throw Error(fmt::format("unit kind {} produced {} snapshots, the plan said {}", kl.name,
                              out.snapshots.size(), pg.frames));
    for (std::size_t k = 0; k < out.snapshots.size(); ++k) write_frame(pg, k, out.snapshots[k]);
  }
  if (layout_.particle_group[unit] < 0) return;
  if (!out.structure) throw Error("unit kind " + kl.name + " promised a structure and produced none");
  write_frame(layout_.particle_groups[layout_.particle_group[unit]], layout_.particle_frame[unit], *out.structure);
}

void Store::write_frame(const ParticleGroup& pg, std::uint64_t frame, const Configuration& c) {
  if (c.size() != pg.atoms)
    throw Error(fmt::format("a structure of {} atoms does not fit particle group {} of {} atoms", c.size(),
                            pg.name, pg.atoms));
  if (c.num_species() > kMaxSpecies) throw Error("the store keeps at most 8 species per structure");
  const std::string g = "particles/" + pg.name + "/";
  const std::size_t n = c.size();
  std::vector<double> positions(3 * n), masses(n);
  std::vector<std::int32_t> types(n);
  std::vector<std::int64_t> ids(n);
  for (std::size_t i = 0; i < n; ++i) {
    for (int d = 0; d < 3; ++d) positions[3 * i + d] = c.positions[i][d];
    types[i] = c.types[i];
    ids[i] = c.ids.size() == n ? c.ids[i] : std::int64_t(i + 1);
    masses[i] = c.mass(i);
  }
  std::vector<char> names(kMaxSpecies * kSpeciesNameSize, '\0');
  for (std::size_t s = 0; s < c.num_species(); ++s)
    std::memcpy(&names[s * kSpeciesNameSize], c.species[s].name.data(),
                std::min(kSpeciesNameSize - 1, c.species[s].name.size()));
  double edges[9], origin[3];
  for (int a = 0; a < 3; ++a) {
    origin[a] = c.box.unbounded() ? 0.0 : c.box.lo()[a];
    for (int b = 0; b < 3; ++b) edges[3 * a + b] = c.box.unbounded() ? 0.0 : c.box.h()(b, a);  // rows: a, b, c
  }
  write_rows(dataset(g + "position/value"), H5T_NATIVE_DOUBLE, frame, 1, positions.data());
  write_rows(dataset(g + "species/value"), H5T_NATIVE_INT32, frame, 1, types.data());
  write_rows(dataset(g + "id/value"), H5T_NATIVE_INT64, frame, 1, ids.data());
  write_rows(dataset(g + "mass/value"), H5T_NATIVE_DOUBLE, frame, 1, masses.data());
  H5Id name_type = fixed_string_type(kSpeciesNameSize);
  write_rows(dataset(g + "species_names"), name_type, frame, 1, names.data());
  write_rows(dataset(g + "box/edges/value"), H5T_NATIVE_DOUBLE, frame, 1, edges);
  write_rows(dataset(g + "box/origin"), H5T_NATIVE_DOUBLE, frame, 1, origin);
}

std::shared_ptr<units::UnitOutput> Store::read_output(std::uint32_t unit) {
  const KindLayout& kl = layout_.kinds[layout_.kind_of[unit]];
  const std::uint64_t row = layout_.kind_row[unit];
  auto out = std::make_shared<units::UnitOutput>();
  for (const auto& spec : kl.kind->outputs) {
    const KindLayout::Rows rows = kl.rows_of(spec, row);
    std::vector<double> values(rows.count * static_cast<std::size_t>(spec.width));
    if (spec.type == units::FieldType::Int64) {
      std::vector<std::int64_t> ints(values.size());
      read_rows(dataset(kl.path_of(spec)), H5T_NATIVE_INT64, rows.first, rows.count, ints.data());
      for (std::size_t i = 0; i < ints.size(); ++i)
        values[i] = ints[i] == kMissingInt ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(ints[i]);
    } else {
      read_rows(dataset(kl.path_of(spec)), H5T_NATIVE_DOUBLE, rows.first, rows.count, values.data());
    }
    out->fields.push_back(std::move(values));
  }
  if (const std::int32_t g = layout_.snapshot_group[unit]; g >= 0) {
    const ParticleGroup& pg = layout_.particle_groups[g];
    for (std::uint64_t k = 0; k < pg.frames; ++k) out->snapshots.push_back(read_frame(pg, k));
  }
  if (layout_.particle_group[unit] >= 0)
    out->structure = read_frame(layout_.particle_groups[layout_.particle_group[unit]], layout_.particle_frame[unit]);
  return out;
}

Configuration Store::read_frame(const ParticleGroup& pg, std::uint64_t frame) {
  const std::string g = "particles/" + pg.name + "/";
  const std::size_t n = pg.atoms;
  std::vector<double> positions(3 * n), masses(n), edges(9), origin(3);
  std::vector<std::int32_t> types(n);
  std::vector<std::int64_t> ids(n);
  std::vector<char> names(kMaxSpecies * kSpeciesNameSize);
  read_rows(dataset(g + "position/value"), H5T_NATIVE_DOUBLE, frame, 1, positions.data());
  read_rows(dataset(g + "species/value"), H5T_NATIVE_INT32, frame, 1, types.data());
  read_rows(dataset(g + "id/value"), H5T_NATIVE_INT64, frame, 1, ids.data());
  read_rows(dataset(g + "mass/value"), H5T_NATIVE_DOUBLE, frame, 1, masses.data());
  H5Id name_type = fixed_string_type(kSpeciesNameSize);
  read_rows(dataset(g + "species_names"), name_type, frame, 1, names.data());
  read_rows(dataset(g + "box/edges/value"), H5T_NATIVE_DOUBLE, frame, 1, edges.data());
  read_rows(dataset(g + "box/origin"), H5T_NATIVE_DOUBLE, frame, 1, origin.data());
  Configuration c;
  for (std::size_t s = 0; s < kMaxSpecies; ++s) {
    std::string name(&names[s * kSpeciesNameSize], strnlen(&names[s * kSpeciesNameSize], kSpeciesNameSize));
    if (name.empty()) break;
    c.species.push_back({name, 1.0});
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (types[i] >= 0 && static_cast<std::size_t>(types[i]) < c.species.size()) c.species[types[i]].mass = masses[i];
    c.add_atom(types[i], Vec3(positions[3 * i], positions[3 * i + 1], positions[3 * i + 2]), Vec3::Zero(), ids[i]);
  }
  const bool bounded = edges[0] > 0 && std::isfinite(edges[0]);
  if (bounded) {
    // edges rows are the cell vectors a, b, c (LAMMPS: a = (lx,0,0), b = (xy,ly,0), c = (xz,yz,lz)).
    c.box = Box::triclinic(Vec3(origin[0], origin[1], origin[2]), Vec3(edges[0], edges[4], edges[8]),
                           edges[3], edges[6], edges[7]);
  }
  return c;
}

void Store::write_state(std::uint32_t unit, const UnitRecord& record) {
  const StateRow row = to_row(record);
  H5Id type = state_type();
  write_rows(dataset("units/state"), type, unit, 1, &row);
}

void Store::write_states(const std::vector<UnitRecord>& records) {
  std::vector<StateRow> rows;
  rows.reserve(records.size());
  for (const auto& r : records) rows.push_back(to_row(r));
  H5Id type = state_type();
  write_rows(dataset("units/state"), type, 0, rows.size(), rows.data());
}

std::vector<UnitRecord> Store::read_states() {
  std::vector<StateRow> rows(layout_.size());
  H5Id type = state_type();
  read_rows(dataset("units/state"), type, 0, rows.size(), rows.data());
  std::vector<UnitRecord> records(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    records[i].status = static_cast<UnitStatus>(rows[i].status);
    records[i].attempts = rows[i].attempts;
    records[i].worker = rows[i].worker;
    records[i].wall_seconds = rows[i].wall_seconds;
    records[i].finished_at = rows[i].finished_at;
    records[i].reason = text_of(rows[i].reason);
  }
  return records;
}

void Store::write_session(int index, const SessionRow& row) {
  if (index < 0 || index >= static_cast<int>(kSessionCapacity)) return;  // journal keeps the rest
  SessionStorage s{};
  copy_text(s.started, row.started);
  copy_text(s.ended, row.ended);
  s.ranks = row.ranks;
  copy_text(s.hosts, row.hosts);
  copy_text(s.command, row.command);
  copy_text(s.status, row.status);
  s.done = row.done;
  H5Id type = session_type();
  write_rows(dataset("provenance/sessions"), type, static_cast<hsize_t>(index), 1, &s);
}

std::vector<SessionRow> Store::read_sessions() {
  std::vector<SessionStorage> storage(kSessionCapacity);
  H5Id type = session_type();
  read_rows(dataset("provenance/sessions"), type, 0, kSessionCapacity, storage.data());
  std::vector<SessionRow> rows;
  for (const auto& s : storage) {
    if (s.started[0] == '\0') break;
    rows.push_back({text_of(s.started), text_of(s.ended), s.ranks, text_of(s.hosts), text_of(s.command),
                    text_of(s.status), s.done});
  }
  return rows;
}

void Store::write_sessions_from(Store& other) {
  const auto rows = other.read_sessions();
  for (std::size_t i = 0; i < rows.size(); ++i) write_session(static_cast<int>(i), rows[i]);
}

std::vector<LedgerEntry> Store::read_ledger() {
  H5Id g(H5Gopen2(file_, "units", H5P_DEFAULT), "open /units");
  const std::size_t n = layout_.size();
  const auto stage_names = read_string_column(g, "stage_names");
  const auto kind_names = read_string_column(g, "kind_names");
  const auto params = read_string_column(g, "params");
  const auto inherited = read_string_column(g, "inherited");
  const auto deps = read_string_column(g, "depends_on");
  std::vector<std::int32_t> stage(n);
  std::vector<double> cost(n);
  std::vector<std::uint64_t> atoms(n);
  if (n) {
    read_rows(dataset("units/stage"), H5T_NATIVE_INT32, 0, n, stage.data());
    read_rows(dataset("units/expected_seconds"), H5T_NATIVE_DOUBLE, 0, n, cost.data());
    read_rows(dataset("units/atoms"), H5T_NATIVE_UINT64, 0, n, atoms.data());
  }
  std::vector<LedgerEntry> ledger(n);
  for (std::size_t u = 0; u < n; ++u)
    ledger[u] = {layout_.ids[u], stage_names.at(stage[u]), kind_names.at(layout_.kind_of[u]), params[u],
                 inherited[u], deps[u], layout_.kind_row[u], cost[u], atoms[u]};
  return ledger;
}

std::string Store::campaign_text() { return read_string_dataset(file_, "provenance/campaign_text"); }
std::string Store::resolved_campaign() { return read_string_dataset(file_, "provenance/resolved_campaign"); }

void Store::make_durable() {
  if (sync_fd_ >= 0 && ::fdatasync(sync_fd_) != 0)
    throw Error("cannot sync store " + path_ + ": " + std::strerror(errno));
}

}  // namespace pelcamp::store
