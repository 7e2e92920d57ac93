// SPDX-License-Identifier: Apache-2.0
// MPI split and reduction of Monte Carlo draws (mc_mpi.h).
#include "cli/mc_mpi.h"

#include <cstdlib>
#include <cstring>
#include <string>

#ifdef URBANMINE_HAVE_MPI
#include <mpi.h>
#endif

namespace urbanmine::cli {

namespace {

[[maybe_unused]] bool g_initialised = false;

std::pair<std::size_t, std::size_t> split(std::size_t n, int part, int parts) {
  const std::size_t p = static_cast<std::size_t>(part);
  const std::size_t k = static_cast<std::size_t>(parts);
  const std::size_t first = n * p / k;
  const std::size_t last = n * (p + 1) / k;
  return {first, last - first};
}

#ifdef URBANMINE_HAVE_MPI
// Failures as bytes: draw, value, input length, input, message length, message.
std::string pack_failures(const std::vector<engine::DrawFailure>& failures) {
  std::string out;
  auto put = [&](const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); };
  for (const auto& f : failures) {
    const std::uint64_t draw = f.draw;
    put(&draw, sizeof draw);
    put(&f.value, sizeof f.value);
    const std::uint64_t li = f.input.size();
    put(&li, sizeof li);
    out += f.input;
    const std::uint64_t lm = f.message.size();
    put(&lm, sizeof lm);
    out += f.message;
  }
  return out;
}

std::vector<engine::DrawFailure> unpack_failures(const char* p, std::size_t n) {
  std::vector<engine::DrawFailure> out;
  std::size_t at = 0;
  auto get = [&](void* dst, std::size_t len) {
    std::memcpy(dst, p + at, len);
    at += len;
  };
  while (at < n) {
    engine::DrawFailure f;
    std::uint64_t draw = 0;
    get(&draw, sizeof draw);
    f.draw = draw;
    get(&f.value, sizeof f.value);
    std::uint64_t len = 0;
    get(&len, sizeof len);
    f.input.assign(p + at, len);
    at += len;
    get(&len, sizeof len);
    f.message.assign(p + at, len);
    at += len;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<int> gather_counts(int mine, const Ranks& r) {
  std::vector<int> counts(static_cast<std::size_t>(r.size), 0);
  MPI_Allgather(&mine, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD);
  return counts;
}

std::vector<int> displacements(const std::vector<int>& counts) {
  std::vector<int> d(counts.size(), 0);
  for (std::size_t i = 1; i < counts.size(); ++i) d[i] = d[i - 1] + counts[i - 1];
  return d;
}
#endif

}  // namespace

Ranks mpi_start() {
  Ranks r;
#ifdef URBANMINE_HAVE_MPI
  // Only under a launcher: a plain start stays a single process without MPI.
  const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr ||
                        std::getenv("PMI_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
  if (!launched) return r;
  int already = 0;
  MPI_Initialized(&already);
  if (already == 0) {
    MPI_Init(nullptr, nullptr);
    g_initialised = true;
  }
  MPI_Comm_rank(MPI_COMM_WORLD, &r.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &r.size);
#endif
  return r;
}

void mpi_finish() {
#ifdef URBANMINE_HAVE_MPI
  if (g_initialised) {
    MPI_Finalize();
    g_initialised = false;
  }
#endif
}

std::pair<std::size_t, std::size_t> draw_range(std::size_t draws, const Ranks& ranks) {
  return split(draws, ranks.rank, ranks.size);
}

Reduced mpi_reduce(engine::DrawBlock& block, std::size_t cells, std::size_t draws,
                   const Ranks& ranks) {
  Reduced out;
#ifdef URBANMINE_HAVE_MPI
  const int P = ranks.size;
  // Success flags of every draw, in draw order.
  const auto ok_counts = gather_counts(static_cast<int>(block.ok.size()), ranks);
  std::vector<std::uint8_t> ok_all(draws, 0);
  MPI_Allgatherv(block.ok.data(), static_cast<int>(block.ok.size()), MPI_UINT8_T, ok_all.data(),
                 ok_counts.data(), displacements(ok_counts).data(), MPI_UINT8_T, MPI_COMM_WORLD);
  // Each rank sends, for every destination q, its draws x q's cells.
  const std::size_t my_draws = block.draw_count;
  std::vector<int> send_counts(static_cast<std::size_t>(P)),
      recv_counts(static_cast<std::size_t>(P));
  std::vector<double> send;
  send.reserve(my_draws * cells);
  const auto [my_first_cell, my_cells] = split(cells, ranks.rank, P);
  for (int q = 0; q < P; ++q) {
    const auto [first_cell, n_cells] = split(cells, q, P);
    for (std::size_t d = 0; d < my_draws; ++d) {
      const double* row = block.values.data() + d * cells;
      send.insert(send.end(), row + first_cell, row + first_cell + n_cells);
    }
    send_counts[static_cast<std::size_t>(q)] = static_cast<int>(my_draws * n_cells);
    recv_counts[static_cast<std::size_t>(q)] =
        static_cast<int>(split(draws, q, P).second * my_cells);
  }
  std::vector<double>().swap(block.values);
  std::vector<double> recv(draws * my_cells);
  MPI_Alltoallv(send.data(), send_counts.data(), displacements(send_counts).data(), MPI_DOUBLE,
                recv.data(), recv_counts.data(), displacements(recv_counts).data(), MPI_DOUBLE,
                MPI_COMM_WORLD);
  std::vector<double>().swap(send);
  // recv holds, source by source (= draw order), draws_p x my_cells.
  std::vector<engine::Summary> mine(my_cells);
  std::vector<double> column;
  column.reserve(draws);
  for (std::size_t c = 0; c < my_cells; ++c) {
    column.clear();
    std::size_t offset = 0;
    for (int p = 0; p < P; ++p) {
      const auto [first_draw, n_draws] = split(draws, p, P);
      for (std::size_t d = 0; d < n_draws; ++d) {
        if (ok_all[first_draw + d] != 0) column.push_back(recv[offset + d * my_cells + c]);
      }
      offset += n_draws * my_cells;
    }
    mine[c] = engine::summarize(column);
  }
  // Summaries (trivially copyable) and failures to rank 0.
  const int bytes = static_cast<int>(mine.size() * sizeof(engine::Summary));
  const auto byte_counts = gather_counts(bytes, ranks);
  if (ranks.rank == 0) out.cells.resize(cells);
  MPI_Gatherv(mine.data(), bytes, MPI_BYTE, out.cells.data(), byte_counts.data(),
              displacements(byte_counts).data(), MPI_BYTE, 0, MPI_COMM_WORLD);
  const std::string packed = pack_failures(block.failures);
  const auto fail_counts = gather_counts(static_cast<int>(packed.size()), ranks);
  std::string all_failures;
  if (ranks.rank == 0) {
    std::size_t total = 0;
    for (const int n : fail_counts) total += static_cast<std::size_t>(n);
    all_failures.resize(total);
  }
  MPI_Gatherv(packed.data(), static_cast<int>(packed.size()), MPI_CHAR, all_failures.data(),
              fail_counts.data(), displacements(fail_counts).data(), MPI_CHAR, 0, MPI_COMM_WORLD);
  if (ranks.rank == 0) {
    for (const auto flag : ok_all) out.draws_ok += flag;
    out.failures = unpack_failures(all_failures.data(), all_failures.size());
  }
#else
  (void)block;
  (void)cells;
  (void)draws;
  (void)ranks;
#endif
  return out;
}

}  // namespace urbanmine::cli
