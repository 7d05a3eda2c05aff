#include "pelcamp/store/result_tables.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "pelcamp/campaign/plan.hpp"

namespace pelcamp::store {

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string number(double v) { return std::isnan(v) ? "" : fmt::format("{}", v); }

std::ofstream open_csv(const std::string& path) {
  std::ofstream out(path);
  if (!out) throw Error("cannot write " + path);
  return out;
}

// Appends a unit's rows to its kind's series tables (columns in field order).
void write_series_rows(const units::UnitKind& kind, const units::UnitOutput& output, const std::string& unit_id,
                       std::vector<std::ofstream>& tables) {
  for (std::size_t s = 0; s < kind.series.size(); ++s) {
    std::vector<std::size_t> columns;
    for (std::size_t f = 0; f < kind.outputs.size(); ++f)
      if (kind.outputs[f].series && std::string(kind.outputs[f].series) == kind.series[s].name) columns.push_back(f);
    if (columns.empty()) continue;
    const auto& first = kind.outputs[columns[0]];
    const std::size_t rows = output.fields[columns[0]].size() / std::size_t(first.width);
    for (std::size_t r = 0; r < rows; ++r) {
      tables[s] << unit_id << ',' << r;
      for (std::size_t f : columns)
        for (int c = 0; c < kind.outputs[f].width; ++c)
          tables[s] << ',' << number(output.fields[f][r * kind.outputs[f].width + c]);
      tables[s] << '\n';
    }
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> split_params(const std::string& canonical) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start < canonical.size()) {
    std::size_t end = canonical.find(';', start);
    if (end == std::string::npos) end = canonical.size();
    const std::string item = canonical.substr(start, end - start);
    const auto eq = item.find('=');
    if (eq != std::string::npos) out.emplace_back(item.substr(0, eq), item.substr(eq + 1));
    start = end + 1;
  }
  return out;
}

std::vector<std::string> write_result_tables(Store& store, const std::string& directory, bool per_atom) {
  std::filesystem::create_directories(directory);
  std::vector<std::string> written;
  const auto ledger = store.read_ledger();
  const auto states = store.read_states();
  const auto& layout = store.layout();

  {
    const std::string path = directory + "/units.csv";
    auto out = open_csv(path);
    out << "unit_id,stage,kind,status,attempts,worker,wall_seconds,expected_seconds,reason,params,inherited\n";
    for (std::size_t u = 0; u < ledger.size(); ++u) {
      const auto& l = ledger[u];
      const auto& s = states[u];
      out << campaign::id_hex(l.id) << ',' << csv_field(l.stage) << ',' << l.kind << ','
          << status_name(s.status) << ',' << s.attempts << ',' << s.worker << ',' << number(s.wall_seconds)
          << ',' << number(l.expected_seconds) << ',' << csv_field(s.reason) << ',' << csv_field(l.params)
          << ',' << csv_field(l.inherited) << '\n';
    }
    written.push_back(path);
  }

  for (std::size_t k = 0; k < layout.kinds.size(); ++k) {
    const KindLayout& kl = layout.kinds[k];
    // Columns: every parameter name seen in this kind, in first-seen order.
    std::vector<std::string> param_names, inherited_names;
    std::set<std::string> seen;
    for (std::uint32_t u : kl.units) {
      for (const auto& [name, value] : split_params(ledger[u].params))
        if (seen.insert("p:" + name).second) param_names.push_back(name);
      for (const auto& [name, value] : split_params(ledger[u].inherited))
        if (seen.insert("i:" + name).second) inherited_names.push_back(name);
    }
    const std::string path = directory + "/" + kl.name + ".csv";
    auto out = open_csv(path);
    out << "unit_id,stage,status";
    for (const auto& n : param_names) out << ',' << csv_field(n);
    for (const auto& n : inherited_names) out << ',' << csv_field(n);
    std::vector<const units::OutputField*> scalar_fields;
    for (const auto& f : kl.kind->outputs) {
      if (f.per_atom || f.series) continue;
      scalar_fields.push_back(&f);
      if (f.width == 1) out << ',' << f.name;
      else for (int c = 0; c < f.width; ++c) out << ',' << f.name << '_' << c;
    }
    out << '\n';
    std::map<std::string, std::ofstream> atom_tables;
    std::vector<std::ofstream> series_tables;
    for (const auto& series : kl.kind->series) {
      const std::string spath = directory + "/" + kl.name + "." + series.name + ".csv";
      auto& table = series_tables.emplace_back(open_csv(spath));
      written.push_back(spath);
      table << "unit_id,row";
      for (const auto& f : kl.kind->outputs)
        if (f.series && std::string(f.series) == series.name) {
          if (f.width == 1) table << ',' << f.name;
          else for (int c = 0; c < f.width; ++c) table << ',' << f.name << '_' << c;
        }
      table << '\n';
    }
    for (std::size_t row = 0; row < kl.units.size(); ++row) {
      const std::uint32_t u = kl.units[row];
      const bool done = states[u].status == UnitStatus::Done;
      out << campaign::id_hex(ledger[u].id) << ',' << csv_field(ledger[u].stage) << ',' << status_name(states[u].status);
      std::map<std::string, std::string> params, inherited;
      for (auto& [n, v] : split_params(ledger[u].params)) params[n] = v;
      for (auto& [n, v] : split_params(ledger[u].inherited)) inherited[n] = v;
      for (const auto& n : param_names) out << ',' << csv_field(params[n]);
      for (const auto& n : inherited_names) out << ',' << csv_field(inherited[n]);
      std::shared_ptr<units::UnitOutput> output = done ? store.read_output(u) : nullptr;
      if (output) write_series_rows(*kl.kind, *output, campaign::id_hex(ledger[u].id), series_tables);
      for (std::size_t f = 0; f < kl.kind->outputs.size(); ++f) {
        const auto& field = kl.kind->outputs[f];
        if (field.series) continue;
        if (field.per_atom) {
          if (!per_atom || !output) continue;
          auto& table = atom_tables[field.name];
          if (!table.is_open()) {
            const std::string apath = directory + "/" + kl.name + "." + field.name + ".csv";
            table = open_csv(apath);
            written.push_back(apath);
            table << "unit_id,atom";
            if (field.width == 1) table << ',' << field.name;
            else for (int c = 0; c < field.width; ++c) table << ',' << field.name << '_' << c;
            table << '\n';
          }
          const auto& values = output->fields[f];
          for (std::size_t a = 0; a < values.size() / std::size_t(field.width); ++a) {
            table << campaign::id_hex(ledger[u].id) << ',' << a;
            for (int c = 0; c < field.width; ++c) table << ',' << number(values[a * field.width + c]);
            table << '\n';
          }
          continue;
        }
        for (int c = 0; c < field.width; ++c) out << ',' << (output ? number(output->fields[f][c]) : "");
      }
      out << '\n';
    }
    written.push_back(path);
  }
  return written;
}

}  // namespace pelcamp::store
