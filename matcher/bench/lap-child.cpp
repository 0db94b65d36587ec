// Times gatagat/lap's C++ LAPJV (lapjv_internal from its lapjv.cpp) on a float64 matrix file
// written by run.ts, the way the `lap` Python package calls it: a non-square matrix is padded
// to a square with zeros (lap.lapjv(..., extend_cost=True)). Loading and padding are not timed.
//
// Built by run.ts when LAP_SRC names a folder holding lap's lapjv.cpp and lapjv.h:
//   g++ -O3 -I$LAP_SRC lap-child.cpp $LAP_SRC/lapjv.cpp -o lap-child
// usage: lap-child <matrix.f64> <rows> <cols> <repetitions>; prints one JSON line (wall and
// CPU times in ms, the total of the assignment).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "lapjv.h"

int main(int argc, char **argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: lap-child <matrix.f64> <rows> <cols> <repetitions>\n");
    return 2;
  }
  const long rows = std::atol(argv[2]);
  const long cols = std::atol(argv[3]);
  const int repetitions = std::atoi(argv[4]);
  const long n = rows > cols ? rows : cols;
  std::vector<double> cells(static_cast<size_t>(n) * n, 0.0);
  std::FILE *file = std::fopen(argv[1], "rb");
  if (!file) return 3;
  std::vector<double> row(cols);
  for (long i = 0; i < rows; i++) {
    if (std::fread(row.data(), sizeof(double), cols, file) != static_cast<size_t>(cols)) return 4;
    for (long j = 0; j < cols; j++) cells[static_cast<size_t>(i) * n + j] = row[j];
  }
  std::fclose(file);
  std::vector<cost_t *> pointers(n);
  for (long i = 0; i < n; i++) pointers[i] = &cells[static_cast<size_t>(i) * n];
  std::vector<int_t> x(n), y(n);

  // One untimed run first, as for the other solvers.
  if (lapjv_internal(n, pointers.data(), x.data(), y.data()) != 0) return 5;
  std::vector<double> times, cpuTimes;
  double total = 0;
  for (int r = 0; r < repetitions; r++) {
    const std::clock_t cpuStarted = std::clock();
    const auto started = std::chrono::steady_clock::now();
    const int status = lapjv_internal(n, pointers.data(), x.data(), y.data());
    const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - started;
    cpuTimes.push_back(1000.0 * static_cast<double>(std::clock() - cpuStarted) / CLOCKS_PER_SEC);
    if (status != 0) return 5;
    times.push_back(elapsed.count());
    total = 0;
    for (long i = 0; i < rows; i++) {
      if (x[i] < cols) total += cells[static_cast<size_t>(i) * n + x[i]];
    }
  }
  std::printf("{\"times\":[");
  for (size_t k = 0; k < times.size(); k++) std::printf(k ? ",%.4f" : "%.4f", times[k]);
  std::printf("],\"cpuTimes\":[");
  for (size_t k = 0; k < cpuTimes.size(); k++) std::printf(k ? ",%.4f" : "%.4f", cpuTimes[k]);
  std::printf("],\"total\":%.17g}\n", total);
  return 0;
}
