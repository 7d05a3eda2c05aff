#include "pelcamp/store/hdf5_handle.hpp"

#include <cstring>

#include "pelcamp/core/error.hpp"

namespace pelcamp::store {

H5Id::H5Id(hid_t id, const std::string& what) : id_(id) {
  if (id < 0) throw Error("HDF5: cannot " + what);
}

H5Id& H5Id::operator=(H5Id&& other) noexcept {
  if (this != &other) {
    close();
    id_ = other.id_;
    other.id_ = -1;
  }
  return *this;
}

void H5Id::close() {
  if (id_ < 0) return;
  switch (H5Iget_type(id_)) {
    case H5I_FILE: H5Fclose(id_); break;
    case H5I_GROUP: H5Gclose(id_); break;
    case H5I_DATASET: H5Dclose(id_); break;
    case H5I_DATASPACE: H5Sclose(id_); break;
    case H5I_DATATYPE: H5Tclose(id_); break;
    case H5I_ATTR: H5Aclose(id_); break;
    case H5I_GENPROP_LST: H5Pclose(id_); break;
    default: break;
  }
  id_ = -1;
}

void h5check(herr_t status, const std::string& what) {
  if (status < 0) throw Error("HDF5: cannot " + what);
}

void h5_quiet() {
  static const bool done = [] {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)done;
}

H5Id create_fixed_dataset(hid_t loc, const std::string& name, hid_t type,
                          const std::vector<hsize_t>& dims, const void* fill) {
  H5Id space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
             "create dataspace for " + name);
  H5Id dcpl(H5Pcreate(H5P_DATASET_CREATE), "create property list");
  h5check(H5Pset_layout(dcpl, H5D_CONTIGUOUS), "set layout");
  h5check(H5Pset_alloc_time(dcpl, H5D_ALLOC_TIME_EARLY), "set allocation time");
  h5check(H5Pset_obj_track_times(dcpl, false), "disable time tracking");
  if (fill) {
    h5check(H5Pset_fill_value(dcpl, type, fill), "set fill value");
    h5check(H5Pset_fill_time(dcpl, H5D_FILL_TIME_ALLOC), "set fill time");
  }
  return H5Id(H5Dcreate2(loc, name.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
              "create dataset " + name);
}

void write_all(hid_t dataset, hid_t mem_type, const void* data) {
  h5check(H5Dwrite(dataset, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), "write dataset");
}

std::vector<hsize_t> dataset_dims(hid_t dataset) {
  H5Id space(H5Dget_space(dataset), "get dataspace");
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space, dims.data(), nullptr);
  return dims;
}

namespace {
// File and memory dataspaces selecting rows [row, row + count) (all trailing dimensions).
std::pair<H5Id, H5Id> row_selection(hid_t dataset, hsize_t row, hsize_t count) {
  H5Id file_space(H5Dget_space(dataset), "get dataspace");
  const int rank = H5Sget_simple_extent_ndims(file_space);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  H5Sget_simple_extent_dims(file_space, dims.data(), nullptr);
  if (row + count > dims[0]) throw Error("HDF5: row selection beyond the dataset");
  std::vector<hsize_t> start(dims.size(), 0), extent = dims;
  start[0] = row;
  extent[0] = count;
  h5check(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr, extent.data(), nullptr),
          "select rows");
  H5Id mem_space(H5Screate_simple(rank, extent.data(), nullptr), "create memory dataspace");
  return {std::move(file_space), std::move(mem_space)};
}
}  // namespace

void write_rows(hid_t dataset, hid_t mem_type, hsize_t row, hsize_t count, const void* data, hid_t xfer) {
  if (count == 0) return;
  auto [file_space, mem_space] = row_selection(dataset, row, count);
  h5check(H5Dwrite(dataset, mem_type, mem_space, file_space, xfer, data), "write rows");
}

void read_rows(hid_t dataset, hid_t mem_type, hsize_t row, hsize_t count, void* data, hid_t xfer) {
  if (count == 0) return;
  auto [file_space, mem_space] = row_selection(dataset, row, count);
  h5check(H5Dread(dataset, mem_type, mem_space, file_space, xfer, data), "read rows");
}

H5Id vlen_string_type() {
  H5Id t(H5Tcopy(H5T_C_S1), "copy string type");
  h5check(H5Tset_size(t, H5T_VARIABLE), "set string size");
  h5check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  return t;
}

H5Id fixed_string_type(std::size_t size) {
  H5Id t(H5Tcopy(H5T_C_S1), "copy string type");
  h5check(H5Tset_size(t, size), "set string size");
  h5check(H5Tset_strpad(t, H5T_STR_NULLTERM), "set string padding");
  h5check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  return t;
}

void write_string_attribute(hid_t loc, const std::string& name, const std::string& value) {
  H5Id type = vlen_string_type();
  H5Id space(H5Screate(H5S_SCALAR), "create scalar space");
  H5Id attr(H5Acreate2(loc, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
            "create attribute " + name);
  const char* text = value.c_str();
  h5check(H5Awrite(attr, type, &text), "write attribute " + name);
}

bool has_attribute(hid_t loc, const std::string& name) { return H5Aexists(loc, name.c_str()) > 0; }

std::string read_string_attribute(hid_t loc, const std::string& name) {
  H5Id attr(H5Aopen(loc, name.c_str(), H5P_DEFAULT), "open attribute " + name);
  H5Id type = vlen_string_type();
  char* text = nullptr;
  h5check(H5Aread(attr, type, &text), "read attribute " + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

void write_string_dataset(hid_t loc, const std::string& name, const std::string& value) {
  H5Id type = vlen_string_type();
  H5Id space(H5Screate(H5S_SCALAR), "create scalar space");
  H5Id ds(H5Dcreate2(loc, name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
          "create dataset " + name);
  const char* text = value.c_str();
  write_all(ds, type, &text);
}

std::string read_string_dataset(hid_t loc, const std::string& name) {
  H5Id ds(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), "open dataset " + name);
  H5Id type = vlen_string_type();
  char* text = nullptr;
  h5check(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text), "read " + name);
  std::string value = text ? text : "";
  H5free_memory(text);
  return value;
}

void write_string_column(hid_t loc, const std::string& name, const std::vector<std::string>& values) {
  H5Id type = vlen_string_type();
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(v.c_str());
  H5Id ds = create_fixed_dataset(loc, name, type, {values.size()});
  if (!values.empty()) write_all(ds, type, pointers.data());
}

std::vector<std::string> read_string_column(hid_t loc, const std::string& name) {
  H5Id ds(H5Dopen2(loc, name.c_str(), H5P_DEFAULT), "open dataset " + name);
  const auto dims = dataset_dims(ds);
  std::vector<char*> pointers(dims.empty() ? 0 : dims[0], nullptr);
  H5Id type = vlen_string_type();
  if (!pointers.empty())
    h5check(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), "read " + name);
  std::vector<std::string> values;
  values.reserve(pointers.size());
  for (char* p : pointers) {
    values.emplace_back(p ? p : "");
    H5free_memory(p);
  }
  return values;
}

H5Id create_group(hid_t loc, const std::string& name) {
  H5Id gcpl(H5Pcreate(H5P_GROUP_CREATE), "create property list");
  h5check(H5Pset_obj_track_times(gcpl, false), "disable time tracking");
  return H5Id(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, gcpl, H5P_DEFAULT), "create group " + name);
}

bool link_exists(hid_t loc, const std::string& path) {
  // Checks each component so that a missing intermediate group is not an error.
  std::size_t pos = 0;
  while (true) {
    pos = path.find('/', pos + 1);
    const std::string prefix = path.substr(0, pos);
    if (H5Lexists(loc, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (pos == std::string::npos) return true;
  }
}

H5Id serial_access() {
  h5_quiet();
  H5Id fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access list");
  h5check(H5Pset_fapl_sec2(fapl), "select the sec2 driver");
  h5check(H5Pset_file_locking(fapl, false, true), "disable file locking");
  return fapl;
}

}  // namespace pelcamp::store
