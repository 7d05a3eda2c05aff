#pragma once
// Minimal RAII over HDF5 C-API identifiers plus the few helpers the store needs. Every
// failing call throws pelcamp::Error naming what it was doing (HDF5's own error stack is
// silenced).
#include <hdf5.h>

#include <string>
#include <vector>

namespace pelcamp::store {

class H5Id {
 public:
  H5Id() = default;
  explicit H5Id(hid_t id) : id_(id) {}
  // Takes the result of an HDF5 call; throws when it is negative.
  H5Id(hid_t id, const std::string& what);
  ~H5Id() { close(); }
  H5Id(H5Id&& other) noexcept : id_(other.id_) { other.id_ = -1; }
  H5Id& operator=(H5Id&& other) noexcept;
  H5Id(const H5Id&) = delete;
  H5Id& operator=(const H5Id&) = delete;
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }
  void close();

 private:
  hid_t id_ = -1;
};

void h5check(herr_t status, const std::string& what);
// Silences HDF5's automatic error printing (once per process).
void h5_quiet();

// A dataset whose storage is allocated at creation and never changes afterwards, so filling
// it later is a pure raw-data write (no metadata change: safe under a crash, and
// independent under MPI-IO).
H5Id create_fixed_dataset(hid_t loc, const std::string& name, hid_t type,
                          const std::vector<hsize_t>& dims, const void* fill = nullptr);
void write_all(hid_t dataset, hid_t mem_type, const void* data);
// Writes rows [row, row + count) of a dataset whose first dimension is rows.
void write_rows(hid_t dataset, hid_t mem_type, hsize_t row, hsize_t count, const void* data,
                hid_t xfer = H5P_DEFAULT);
void read_rows(hid_t dataset, hid_t mem_type, hsize_t row, hsize_t count, void* data,
               hid_t xfer = H5P_DEFAULT);
std::vector<hsize_t> dataset_dims(hid_t dataset);

H5Id vlen_string_type();
H5Id fixed_string_type(std::size_t size);
void write_string_attribute(hid_t loc, const std::string& name, const std::string& value);
std::string read_string_attribute(hid_t loc, const std::string& name);
bool has_attribute(hid_t loc, const std::string& name);
// Scalar string dataset (e.g. the campaign text).
void write_string_dataset(hid_t loc, const std::string& name, const std::string& value);
std::string read_string_dataset(hid_t loc, const std::string& name);
void write_string_column(hid_t loc, const std::string& name, const std::vector<std::string>& values);
std::vector<std::string> read_string_column(hid_t loc, const std::string& name);
H5Id create_group(hid_t loc, const std::string& name);
bool link_exists(hid_t loc, const std::string& path);

// File access for one process (no MPI-IO), file locking off: readers may look while a run
// writes (the store's own lock file keeps writers exclusive).
H5Id serial_access();

}  // namespace pelcamp::store
